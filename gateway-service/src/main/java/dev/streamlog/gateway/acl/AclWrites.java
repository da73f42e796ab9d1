package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds and removes ACLs in ZooKeeper ({@link AclZnodes}): each resource pattern's znode is read and written back
 * with its version (compare-and-set), retried up to {@value #ATTEMPTS} times when another gateway wrote it in
 * between, so concurrent writers through any gateways lose nothing. Adding an ACL that exists changes nothing. A
 * write completes once this gateway's {@link AclCache} shows it (waited for at most the timeout), so the next
 * request through this gateway is decided by it. Writes run one at a time on a thread of their own, each bounded by
 * the timeout (503/50003 after it: the write may or may not have been applied). Thread-safe.
 */
public class AclWrites implements AutoCloseable {

    static final int ATTEMPTS = 10;
    /** At most this many ACLs per resource pattern (one znode, well under ZooKeeper's 1 MB). */
    static final int MAX_PER_PATTERN = 1000;
    private static final long SEEN_POLL_MS = 10;

    private final CuratorFramework client;
    private final JsonMapper json;
    private final AclCache cache;
    private final Duration timeout;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "acl-writes");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param client  a Curator client whose namespace is the platform's chroot
     * @param timeout bound on one write, ZooKeeper and the cache included
     */
    public AclWrites(CuratorFramework client, JsonMapper json, AclCache cache, Duration timeout) {
        this.client = client;
        this.json = json;
        this.cache = cache;
        this.timeout = timeout;
    }

    /** Adds {@code acls}; completes when this gateway applies them. */
    public CompletableFuture<Void> create(List<AclBinding> acls) {
        Map<AclZnodes.Pattern, List<AclBinding>> byPattern = new LinkedHashMap<>();
        acls.forEach(acl -> byPattern.computeIfAbsent(AclZnodes.Pattern.of(acl), p -> new ArrayList<>()).add(acl));
        return run(written -> {
            for (Map.Entry<AclZnodes.Pattern, List<AclBinding>> pattern : byPattern.entrySet()) {
                edit(pattern.getKey(), written, entries -> {
                    pattern.getValue().forEach(acl -> entries.add(AclZnodes.entry(acl)));
                    return List.of();
                });
            }
            return null;
        });
    }

    /** Removes every ACL {@code filter} selects; completes with them when this gateway no longer applies them. */
    public CompletableFuture<List<AclBinding>> delete(AclFilter filter) {
        List<AclZnodes.Pattern> patterns = cache.acls().stream().filter(filter::matches)
                .map(AclZnodes.Pattern::of).distinct().toList();
        return run(written -> {
            List<AclBinding> removed = new ArrayList<>();
            for (AclZnodes.Pattern pattern : patterns) {
                removed.addAll(edit(pattern, written, entries -> {
                    List<AclBinding> gone = new ArrayList<>();
                    entries.removeIf(entry -> {
                        AclBinding acl = pattern.with(entry);
                        return filter.matches(acl) && gone.add(acl);
                    });
                    return gone;
                }));
            }
            return removed;
        });
    }

    /** A change to one pattern's entries, returning what it removed. */
    @FunctionalInterface
    private interface Edit {
        List<AclBinding> apply(Set<AclZnodes.Entry> entries);
    }

    /** A write to ZooKeeper, run on the writer thread, noting each znode version it wrote (-1: deleted). */
    @FunctionalInterface
    private interface Work<T> {
        T run(Map<String, Integer> written) throws Exception;
    }

    private <T> CompletableFuture<T> run(Work<T> work) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> written = new ConcurrentHashMap<>();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run(written);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, writer).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
            throw failed(failure);
        }).thenCompose(result -> seen(written, deadline).thenApply(ignored -> result));
    }

    /** Reads the pattern's znode, applies {@code edit}, writes it back (or deletes it when empty) with its version. */
    private List<AclBinding> edit(AclZnodes.Pattern pattern, Map<String, Integer> written, Edit edit)
            throws Exception {
        String path = AclZnodes.path(pattern);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            Optional<byte[]> data = read(path, stat);
            Set<AclZnodes.Entry> before = AclZnodes.editable(
                    data.map(bytes -> AclZnodes.entries(json, bytes)).orElse(List.of()));
            Set<AclZnodes.Entry> after = AclZnodes.editable(List.copyOf(before));
            List<AclBinding> removed = edit.apply(after);
            if (after.equals(before) && data.isPresent() == !after.isEmpty()) {
                return removed;
            }
            if (after.size() > MAX_PER_PATTERN) {
                throw new ApiException(ErrorCode.BAD_REQUEST_ENTITY, "the ACLs of " + pattern.type() + " "
                        + pattern.patternType() + " '" + pattern.name() + "' would be " + after.size() + "; at most "
                        + MAX_PER_PATTERN + " per resource pattern");
            }
            try {
                if (data.isEmpty()) {
                    client.create().creatingParentsIfNeeded().forPath(path, AclZnodes.data(json, after));
                } else if (after.isEmpty()) {
                    client.delete().withVersion(stat.getVersion()).forPath(path);
                } else {
                    client.setData().withVersion(stat.getVersion()).forPath(path, AclZnodes.data(json, after));
                }
                written.put(path, data.isEmpty() ? 0 : after.isEmpty() ? -1 : stat.getVersion() + 1);
                return removed;
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                     | KeeperException.NoNodeException e) {
                // another gateway wrote this pattern in between: read it again
            }
        }
        throw new ApiException(ErrorCode.RETRIABLE, "the ACLs of " + pattern.type() + " " + pattern.patternType()
                + " '" + pattern.name() + "' kept changing under " + ATTEMPTS + " attempts to write them; retry");
    }

    private Optional<byte[]> read(String path, Stat stat) throws Exception {
        try {
            return Optional.of(client.getData().storingStatIn(stat).forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /** Completes once the cache reflects every version written, or at the deadline (the write has been made). */
    private CompletableFuture<Void> seen(Map<String, Integer> written, long deadline) {
        written.entrySet().removeIf(version -> reflected(version.getKey(), version.getValue()));
        if (written.isEmpty() || System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(SEEN_POLL_MS,
                TimeUnit.MILLISECONDS)).thenCompose(ignored -> seen(written, deadline));
    }

    private boolean reflected(String path, int version) {
        Optional<Integer> seen = cache.version(path);
        return version < 0 ? seen.isEmpty() : seen.isPresent() && seen.get() >= version;
    }

    private static RuntimeException failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof TimeoutException) {
            return new ApiException(ErrorCode.RETRIABLE, "ZooKeeper did not take the ACL change in time;"
                    + " list the ACLs to see whether it was applied before retrying");
        }
        return new ApiException(ErrorCode.RETRIABLE, "the ACLs could not be written to ZooKeeper: "
                + cause.getMessage() + "; retry");
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
