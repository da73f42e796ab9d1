package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds and removes ACLs in ZooKeeper ({@link AclZnodes}). One change (a create, a batch, a delete by filter) reads
 * the znodes of every resource pattern it touches and writes them all back in one ZooKeeper transaction, each with
 * the version it read (compare-and-set): the change is applied whole or not at all, and when another gateway wrote
 * one of them in between it is read and tried again, up to {@value #ATTEMPTS} times. Adding an ACL that exists
 * changes nothing. A znode holds at most {@value #MAX_PER_PATTERN} ACLs and {@value #MAX_ZNODE_BYTES} bytes
 * (ZooKeeper refuses a request over 1 MB). A change is answered once this gateway's {@link AclCache} shows it, or
 * at its deadline (the timeout), whichever comes first.
 *
 * <p>Changes run one at a time on a thread of their own, at most {@value #MAX_WAITING} waiting (others are answered
 * 503/50003 at once); one still waiting at its deadline is not started, and one that has not finished by then is
 * answered 503/50003 (it may yet be applied: list the ACLs before retrying). Thread-safe.
 */
public class AclWrites implements AutoCloseable {

    static final int ATTEMPTS = 10;
    static final int MAX_PER_PATTERN = 1000;
    static final int MAX_ZNODE_BYTES = 512 * 1024;
    static final int MAX_WAITING = 16;
    private static final long SEEN_POLL_MS = 10;

    private final CuratorFramework client;
    private final JsonMapper json;
    private final AclCache cache;
    private final Duration timeout;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_WAITING), runnable -> {
                Thread thread = new Thread(runnable, "acl-writes");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * @param client  a Curator client whose namespace is the platform's chroot
     * @param timeout bound on one change, from its request to its answer
     */
    public AclWrites(CuratorFramework client, JsonMapper json, AclCache cache, Duration timeout) {
        this.client = client;
        this.json = json;
        this.cache = cache;
        this.timeout = timeout;
    }

    /** Adds {@code acls}, all or none. */
    public CompletableFuture<Void> create(List<AclBinding> acls) {
        Map<AclZnodes.Pattern, List<AclBinding>> byPattern = new LinkedHashMap<>();
        acls.forEach(acl -> byPattern.computeIfAbsent(AclZnodes.Pattern.of(acl), p -> new ArrayList<>()).add(acl));
        return change(byPattern.keySet(), (pattern, entries) -> {
            byPattern.get(pattern).forEach(acl -> entries.add(AclZnodes.entry(acl)));
            return List.of();
        }).thenApply(removed -> null);
    }

    /** Removes every ACL {@code filter} selects, all or none; completes with them. */
    public CompletableFuture<List<AclBinding>> delete(AclFilter filter) {
        Set<AclZnodes.Pattern> patterns = new LinkedHashSet<>();
        cache.acls().stream().filter(filter::matches).map(AclZnodes.Pattern::of).forEach(patterns::add);
        return change(patterns, (pattern, entries) -> {
            List<AclBinding> gone = new ArrayList<>();
            entries.removeIf(entry -> {
                AclBinding acl = pattern.with(entry);
                return filter.matches(acl) && gone.add(acl);
            });
            return gone;
        });
    }

    /** A change to one pattern's entries, returning the ACLs it removed. */
    @FunctionalInterface
    private interface Edit {
        List<AclBinding> apply(AclZnodes.Pattern pattern, Set<AclZnodes.Entry> entries);
    }

    /** A znode as read: its entries and stat, or absent. */
    private record Read(String path, Optional<Set<AclZnodes.Entry>> entries, Stat stat) {
    }

    private CompletableFuture<List<AclBinding>> change(Set<AclZnodes.Pattern> patterns, Edit edit) {
        if (patterns.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> written = new LinkedHashMap<>();
        CompletableFuture<List<AclBinding>> work;
        try {
            work = CompletableFuture.supplyAsync(() -> {
                if (System.nanoTime() >= deadline) {
                    throw new CompletionException(new TimeoutException());
                }
                try {
                    return apply(patterns, edit, written);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, writer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.RETRIABLE,
                    "too many ACL changes are waiting on this gateway; retry"));
        }
        return work.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
            throw failed(failure);
        }).thenCompose(removed -> seen(written, deadline).thenApply(ignored -> removed));
    }

    /** Reads, edits and writes back every pattern in one transaction, retrying when one changed in between. */
    private List<AclBinding> apply(Set<AclZnodes.Pattern> patterns, Edit edit, Map<String, Long> written)
            throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<AclBinding> removed = new ArrayList<>();
            List<CuratorOp> operations = new ArrayList<>();
            List<Read> reads = new ArrayList<>();
            for (AclZnodes.Pattern pattern : patterns) {
                Read read = read(AclZnodes.path(pattern));
                Set<AclZnodes.Entry> after = new LinkedHashSet<>(read.entries().orElse(Set.of()));
                removed.addAll(edit.apply(pattern, after));
                if (read.entries().isPresent() ? after.equals(read.entries().get()) : after.isEmpty()) {
                    continue;
                }
                reads.add(read);
                operations.add(operation(pattern, read, after));
            }
            if (operations.isEmpty()) {
                return removed;
            }
            try {
                client.transaction().forOperations(operations);
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                     | KeeperException.NoNodeException e) {
                continue; // another gateway wrote one of them in between: read them all again
            }
            for (Read read : reads) {
                Stat now = client.checkExists().forPath(read.path());
                // a deleted znode is seen once the cache no longer shows it as it was read
                written.put(read.path(), now == null ? -read.stat().getMzxid() - 1 : now.getMzxid());
            }
            return removed;
        }
        throw new ApiException(ErrorCode.RETRIABLE, "the ACLs kept changing under " + ATTEMPTS
                + " attempts to write them; retry");
    }

    private CuratorOp operation(AclZnodes.Pattern pattern, Read read, Set<AclZnodes.Entry> after) throws Exception {
        if (after.size() > MAX_PER_PATTERN) {
            throw tooMany(pattern, after.size() + " ACLs; at most " + MAX_PER_PATTERN);
        }
        byte[] data = AclZnodes.data(json, after);
        if (data.length > MAX_ZNODE_BYTES) {
            throw tooMany(pattern, data.length + " bytes; at most " + MAX_ZNODE_BYTES);
        }
        if (read.entries().isEmpty()) {
            ensureParent(read.path());
            return client.transactionOp().create().forPath(read.path(), data);
        }
        if (after.isEmpty()) {
            return client.transactionOp().delete().withVersion(read.stat().getVersion()).forPath(read.path());
        }
        return client.transactionOp().setData().withVersion(read.stat().getVersion()).forPath(read.path(), data);
    }

    private static ApiException tooMany(AclZnodes.Pattern pattern, String size) {
        return new ApiException(ErrorCode.BAD_REQUEST_ENTITY, "the ACLs of " + pattern.type() + " "
                + pattern.patternType() + " '" + pattern.name() + "' would be " + size + " per resource pattern");
    }

    private void ensureParent(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(ZKPaths.getPathAndNode(path).getPath());
        } catch (KeeperException.NodeExistsException e) {
            // there already
        }
    }

    private Read read(String path) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return new Read(path, Optional.of(new LinkedHashSet<>(AclZnodes.entries(json, data))), stat);
        } catch (KeeperException.NoNodeException e) {
            return new Read(path, Optional.empty(), stat);
        }
    }

    /** Completes once the cache reflects every znode written (as {@link #apply} noted it), or at the deadline. */
    private CompletableFuture<Void> seen(Map<String, Long> written, long deadline) {
        written.entrySet().removeIf(znode -> reflected(znode.getKey(), znode.getValue()));
        if (written.isEmpty() || System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(SEEN_POLL_MS,
                TimeUnit.MILLISECONDS)).thenCompose(ignored -> seen(written, deadline));
    }

    /** {@code zxid} ≥ 0: the cache shows the znode modified at or after it; < 0: no longer as modified at −zxid−1. */
    private boolean reflected(String path, long zxid) {
        Optional<Long> seen = cache.modified(path);
        return zxid >= 0 ? seen.isPresent() && seen.get() >= zxid : seen.isEmpty() || seen.get() > -zxid - 1;
    }

    private static RuntimeException failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof TimeoutException) {
            return new ApiException(ErrorCode.RETRIABLE, "the ACL change did not complete in time; it may yet be"
                    + " applied: list the ACLs before retrying");
        }
        return new ApiException(ErrorCode.RETRIABLE, "the ACLs could not be written to ZooKeeper: "
                + cause.getMessage() + "; retry");
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
