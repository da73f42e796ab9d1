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
 * ({@link AclZnodes}) and every change rebuilds an immutable {@link AclSnapshot}, swapped in on Curator's event
 * thread, so every gateway sees an ACL a moment after any gateway wrote it. A znode that cannot be parsed is
 * skipped and logged ({@code event=acl-znode-invalid}); its ACLs count as absent. Until the cache has loaded once,
 * {@link #snapshot()} refuses with 503/50003. Thread-safe: readers only touch one volatile reference.
 */
public class AclCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AclCache.class);

    /** A snapshot and the znode version each of its patterns was read at. */
    private record State(AclSnapshot snapshot, Map<String, Integer> versions) {
    }

    private final JsonMapper json;
    private final CuratorCache cache;
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
                .forAll((type, oldData, data) -> {
                    if (loaded) {
                        rebuild();
                    }
                })
                .forInitialized(() -> {
                    rebuild();
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

    /** The znode version of {@code path} the current snapshot reflects; empty when it has no such znode. */
    Optional<Integer> version(String path) {
        return Optional.ofNullable(state.versions().get(path));
    }

    private synchronized void rebuild() {
        List<AclBinding> bindings = new ArrayList<>();
        Map<String, Integer> versions = new HashMap<>();
        cache.stream().forEach(node -> read(node, bindings, versions));
        state = new State(new AclSnapshot(bindings), Map.copyOf(versions));
    }

    private void read(ChildData node, List<AclBinding> bindings, Map<String, Integer> versions) {
        Optional<AclZnodes.Pattern> pattern = AclZnodes.pattern(node.getPath());
        if (pattern.isEmpty() || node.getStat() == null) {
            return;
        }
        try {
            for (AclZnodes.Entry entry : AclZnodes.entries(json, node.getData())) {
                bindings.add(pattern.get().with(entry));
            }
            versions.put(AclZnodes.path(pattern.get()), node.getStat().getVersion());
        } catch (JacksonException | NullPointerException e) {
            log.warn("event=acl-znode-invalid path={} error={}", node.getPath(), e.getMessage());
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
