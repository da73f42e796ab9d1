package dev.streamlog.controller.zookeeper;

import dev.streamlog.controller.metadata.ZkWrite;
import dev.streamlog.model.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * Applies {@link ZkWrite}s as one ZooKeeper transaction whose first operation checks the version
 * of {@code /controller_epoch}, so a deposed controller's writes fail as a whole (fencing).
 * Thread-safe.
 */
public class ZkPersister {

    private final CuratorFramework client;

    public ZkPersister(NamespacedCurator curator) {
        this.client = curator.client();
    }

    /**
     * @param epoch the controller's fencing token
     * @param batch the writes, applied all together or not at all
     * @throws FencedException        when the epoch check failed
     * @throws WriteConflictException when a version or existence condition of a write failed
     * @throws ZkStoreException       on any other failure (the outcome may then be unknown)
     */
    public void commit(ControllerEpoch epoch, List<ZkWrite> batch) {
        List<CuratorOp> ops = new ArrayList<>(batch.size() + 1);
        try {
            ops.add(client.transactionOp().check().withVersion(epoch.znodeVersion()).forPath(ZkPaths.CONTROLLER_EPOCH));
            for (ZkWrite write : batch) {
                ops.add(op(write));
            }
            client.transaction().forOperations(ops);
        } catch (KeeperException e) {
            throw classify(e, epoch, batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZkStoreException("interrupted while writing to ZooKeeper", e);
        } catch (Exception e) {
            throw new ZkStoreException("ZooKeeper transaction of " + batch.size() + " writes failed: " + e, e);
        }
    }

    private CuratorOp op(ZkWrite write) throws Exception {
        if (write instanceof ZkWrite.Create create) {
            return client.transactionOp().create().forPath(create.path(), bytes(create.data()));
        }
        if (write instanceof ZkWrite.SetData set) {
            return client.transactionOp().setData().withVersion(set.expectedVersion())
                    .forPath(set.path(), bytes(set.data()));
        }
        if (write instanceof ZkWrite.Delete delete) {
            return client.transactionOp().delete().withVersion(delete.expectedVersion()).forPath(delete.path());
        }
        ZkWrite.Check check = (ZkWrite.Check) write;
        return client.transactionOp().check().withVersion(check.expectedVersion()).forPath(check.path());
    }

    private static byte[] bytes(String data) {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    private static ZkStoreException classify(KeeperException e, ControllerEpoch epoch, List<ZkWrite> batch) {
        List<OpResult> results = e.getResults();
        int failed = -1;
        int code = e.code().intValue();
        if (results != null) {
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof OpResult.ErrorResult error
                        && error.getErr() != KeeperException.Code.OK.intValue()
                        && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                    failed = i;
                    code = error.getErr();
                    break;
                }
            }
        }
        if (failed == 0) {
            return new FencedException("controller epoch " + epoch.value() + " (znode version "
                    + epoch.znodeVersion() + ") is no longer current: another controller was elected", e);
        }
        boolean conditionFailed = code == KeeperException.Code.BADVERSION.intValue()
                || code == KeeperException.Code.NODEEXISTS.intValue()
                || code == KeeperException.Code.NONODE.intValue()
                || code == KeeperException.Code.NOTEMPTY.intValue();
        if (failed > 0 && conditionFailed) {
            return new WriteConflictException(KeeperException.Code.get(code) + " on " + batch.get(failed - 1), e);
        }
        return new ZkStoreException("ZooKeeper transaction of " + batch.size() + " writes failed: " + e, e);
    }
}
