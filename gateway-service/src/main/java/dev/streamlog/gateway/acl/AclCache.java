package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ZkPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster's ACLs as this gateway knows them: a Curator {@link CuratorCache} mirrors {@code /acls}
 * ({@link AclZnodes}); each change re-reads the one znode that changed and swaps in a new immutable
 * {@link AclSnapshot}, on Curator's event thread, so every gateway sees an ACL a moment after any gateway wrote it.
 * A znode that cannot be parsed counts as holding no ACL and is logged ({@code event=acl-znode-invalid}). Until the
 * cache has loaded once, {@link #snapshot()} refuses with 503/50003. Thread-safe: readers only touch one volatile
 * reference; changes are applied one at a time.
 */
public class AclCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AclCache.class);

    /** A snapshot and the modification zxid each of its patterns' znodes was read at. */
    private record State(AclSnapshot snapshot, Map<String, Long> modified) {
    }

    /** One znode's ACLs and the zxid of its last modification. */
    private record Znode(List<AclBinding> acls, long modified) {
    }

    private final JsonMapper json;
    private final CuratorCache cache;
    /** Every pattern znode read, by its path. Guarded by {@code this}. */
    private final Map<String, Znode> znodes = new HashMap<>();
    private volatile boolean loaded;
    private volatile State state = new State(AclSnapshot.EMPTY, Map.of());

    /** @param client a Curator client whose namespace is the platform's chroot */
    public AclCache(CuratorFramework client, JsonMapper json) {
        this.json = json;
        this.cache = CuratorCache.build(client, ZkPaths.ACLS);
    }

    /** Starts watching ZooKeeper. */
    public void start() {
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> changed(type == CuratorCacheListener.Type.NODE_DELETED ? oldData
                        : data, type == CuratorCacheListener.Type.NODE_DELETED))
                .forInitialized(() -> {
                    publish();
                    loaded = true;
                })
                .build());
        cache.start();
    }

    /** The ACLs now; 503/50003 before ZooKeeper has been read once. */
    AclSnapshot snapshot() {
        if (!loaded) {
            throw new ApiException(ErrorCode.RETRIABLE, "the ACLs have not been read from ZooKeeper yet; retry");
        }
        return state.snapshot();
    }

    /** Every ACL now, in no particular order; 503/50003 before ZooKeeper has been read once. */
    public List<AclBinding> acls() {
        return snapshot().all();
    }

    /**
     * The zxid of the last modification of the znode at {@code path} that the current snapshot reflects; empty when
     * the snapshot has no such znode.
     */
    Optional<Long> modified(String path) {
        return Optional.ofNullable(state.modified().get(path));
    }

    private synchronized void changed(ChildData node, boolean deleted) {
        if (node == null) {
            return;
        }
        Optional<AclZnodes.Pattern> pattern = AclZnodes.pattern(node.getPath());
        if (pattern.isEmpty()) {
            return;
        }
        String path = AclZnodes.path(pattern.get());
        if (deleted || node.getStat() == null) {
            znodes.remove(path);
        } else {
            znodes.put(path, new Znode(parse(pattern.get(), node), node.getStat().getMzxid()));
        }
        if (loaded) {
            publish();
        }
    }

    private List<AclBinding> parse(AclZnodes.Pattern pattern, ChildData node) {
        try {
            List<AclBinding> acls = new ArrayList<>();
            for (AclZnodes.Entry entry : AclZnodes.entries(json, node.getData())) {
                acls.add(pattern.with(entry));
            }
            return acls;
        } catch (JacksonException | NullPointerException e) {
            log.warn("event=acl-znode-invalid path={} error={}", node.getPath(), e.getMessage());
            return List.of();
        }
    }

    private synchronized void publish() {
        List<AclBinding> all = new ArrayList<>();
        Map<String, Long> modified = new HashMap<>();
        znodes.forEach((path, znode) -> {
            all.addAll(znode.acls());
            modified.put(path, znode.modified());
        });
        state = new State(new AclSnapshot(all), Map.copyOf(modified));
    }

    @Override
    public void close() {
        cache.close();
    }
}
