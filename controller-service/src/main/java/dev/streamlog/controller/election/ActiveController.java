package dev.streamlog.controller.election;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.ClusterMetadata;
import dev.streamlog.controller.metadata.Command;
import dev.streamlog.controller.metadata.ControllerResult;
import dev.streamlog.controller.metadata.Ids;
import dev.streamlog.controller.metadata.PartitionChange;
import dev.streamlog.controller.metadata.PartitionStatesListener;
import dev.streamlog.controller.metadata.RecoveryCommands;
import dev.streamlog.controller.metadata.WriteBatches;
import dev.streamlog.controller.metadata.ZkWrite;
import dev.streamlog.controller.zookeeper.BrokerWatcher;
import dev.streamlog.controller.zookeeper.ControllerEpoch;
import dev.streamlog.controller.zookeeper.ControllerLatchWatcher;
import dev.streamlog.controller.zookeeper.FencedException;
import dev.streamlog.controller.zookeeper.WriteConflictException;
import dev.streamlog.controller.zookeeper.ZkControllerEpochs;
import dev.streamlog.controller.zookeeper.ZkImageLoader;
import dev.streamlog.controller.zookeeper.ZkPersister;
import dev.streamlog.controller.zookeeper.ZkStoreException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ZkPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's controller role. While it holds the latch and has activated, it is the
 * active controller: it owns a {@link ClusterImage} and runs {@link Command}s one at a time (under
 * a lock), persisting their writes in transactions fenced by its {@link ControllerEpoch} and
 * replaying them onto the image. Otherwise it is a standby and every call answers 503/50003 naming
 * the active controller.
 *
 * <p>Activation: increment {@code /controller_epoch}, create missing base znodes and
 * {@code /cluster/id}, load the image, run {@link RecoveryCommands#recover}, then publish. A
 * failed or conflicting write marks the image stale; the next command reloads it (and runs
 * recovery) first. A fenced write deactivates this instance and asks the election to rejoin.
 * Once active, it tells its activation listeners (which must return at once).
 *
 * <p>Partition states in the image go stale by design: partition leaders change their ISR in
 * ZooKeeper themselves. Commands that decide on states (leader elections) therefore run with
 * {@link #executeOnFreshImage}. Every persisted batch that writes partition states is reported to
 * the {@link PartitionStatesListener} with this controller's epoch.
 *
 * <p>Thread-safe: commands and activation hold {@code lock}; the published state is one atomic
 * reference, read without locking; deactivation never waits for the lock.
 */
public class ActiveController implements ClusterMetadata {

    private static final Logger log = LoggerFactory.getLogger(ActiveController.class);

    /** What an active controller holds; replaced, never changed. */
    private record Activation(ControllerEpoch epoch, ClusterImage image, boolean stale) {
        Activation markedStale() {
            return new Activation(epoch, image, true);
        }
    }

    private final ZkControllerEpochs epochs;
    private final ZkImageLoader loader;
    private final ZkPersister persister;
    private final BrokerWatcher brokers;
    private final ControllerLatchWatcher latchWatcher;
    private final String advertisedUrl;
    private final Duration commandTimeout;
    private final int maxTransactionBytes;
    private final PartitionStatesListener statesListener;
    private final List<Runnable> activationListeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Object termLock = new Object();
    private final AtomicReference<Activation> current = new AtomicReference<>();
    private long term;
    private volatile Runnable onFenced = () -> { };

    public ActiveController(ZkControllerEpochs epochs, ZkImageLoader loader, ZkPersister persister,
                            BrokerWatcher brokers, ControllerLatchWatcher latchWatcher, String advertisedUrl,
                            Duration commandTimeout, int maxTransactionBytes, PartitionStatesListener statesListener) {
        this.epochs = epochs;
        this.loader = loader;
        this.persister = persister;
        this.brokers = brokers;
        this.latchWatcher = latchWatcher;
        this.advertisedUrl = advertisedUrl;
        this.commandTimeout = commandTimeout;
        this.maxTransactionBytes = maxTransactionBytes;
        this.statesListener = statesListener;
    }

    /** Runs {@code listener} (on the election thread; it must return at once) each time this instance activates. */
    public void addActivationListener(Runnable listener) {
        activationListeners.add(listener);
    }

    /** What to do when a write is fenced (the election rejoins the latch). */
    void onFenced(Runnable action) {
        this.onFenced = action;
    }

    @Override
    public ClusterImage image() {
        return requireActive().image().withBrokers(brokers.live());
    }

    @Override
    public <T> T execute(Command<T> command) {
        requireActive();
        acquireLock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Activation activation = requireActive();
                    if (activation.stale()) {
                        activation = reload(activation);
                    }
                    ControllerResult<T> result = command.apply(activation.image().withBrokers(brokers.live()));
                    persist(activation, result.writes());
                    return result.response();
                } catch (WriteConflictException e) {
                    if (attempt >= 2) {
                        throw new AdminException(ErrorCode.RETRIABLE, "ZooKeeper changed under the controller twice; "
                                + "try again: " + e.getMessage(), e);
                    }
                    log.info("Write conflict ({}); reloading the image and trying again", e.getMessage());
                } catch (ZkStoreException e) {
                    markStale();
                    throw new AdminException(ErrorCode.RETRIABLE, "ZooKeeper is not available: " + e.getMessage(), e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a command on an image just loaded from ZooKeeper (which also becomes the controller's
     * image) and persists its writes: for decisions that must not use states the controller may
     * have missed changes of. Unlike {@link #execute}, a conflict is not retried here.
     *
     * @throws WriteConflictException when ZooKeeper changed between the load and the write
     * @throws AdminException         with {@link ErrorCode#RETRIABLE} when this instance is not (or stops being)
     *                                the active controller or ZooKeeper could not be read or written
     */
    public <T> T executeOnFreshImage(Command<T> command) {
        requireActive();
        acquireLock();
        try {
            Activation activation = reload(requireActive());
            ControllerResult<T> result = command.apply(activation.image().withBrokers(brokers.live()));
            persist(activation, result.writes());
            return result.response();
        } catch (WriteConflictException e) {
            throw e;
        } catch (ZkStoreException e) {
            markStale();
            throw new AdminException(ErrorCode.RETRIABLE, "ZooKeeper is not available: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Becomes the active controller. Called by the election after winning the latch.
     *
     * @param stillLeader whether the latch is still held; checked before publishing
     * @return whether this instance is now active
     */
    boolean activate(BooleanSupplier stillLeader) {
        long startTerm;
        synchronized (termLock) {
            startTerm = term;
        }
        lock.lock();
        try {
            ControllerEpoch epoch = epochs.increment();
            bootstrap(epoch);
            ClusterImage image = loader.load(epoch);
            List<ZkWrite> recovery = RecoveryCommands.recover(image).writes();
            for (List<ZkWrite> batch : WriteBatches.split(recovery, maxTransactionBytes)) {
                persister.commit(epoch, batch);
                image = image.replay(batch);
                reportStates(epoch, batch, image);
            }
            synchronized (termLock) {
                if (term != startTerm || !stillLeader.getAsBoolean()) {
                    log.info("Lost the controller latch while activating with epoch {}", epoch.value());
                    return false;
                }
                current.set(new Activation(epoch, image, false));
            }
            log.info("Active controller {} with epoch {}: cluster {}, {} topics, {} writes of recovery",
                    advertisedUrl, epoch.value(), image.clusterId(), image.topics().size(), recovery.size());
            activationListeners.forEach(Runnable::run);
            return true;
        } catch (ZkStoreException e) {
            log.warn("Could not become the active controller: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("Could not become the active controller", e);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops serving at once (lost the latch or the ZooKeeper connection). */
    void deactivate() {
        Activation was;
        synchronized (termLock) {
            term++;
            was = current.getAndSet(null);
        }
        if (was != null) {
            log.info("No longer the active controller (was epoch {})", was.epoch().value());
        }
    }

    /** Whether this instance is serving as the active controller. */
    public boolean isActive() {
        return current.get() != null;
    }

    /** The epoch this instance is active with, if it is. */
    public OptionalInt epoch() {
        Activation activation = current.get();
        return activation == null ? OptionalInt.empty() : OptionalInt.of(activation.epoch().value());
    }

    /**
     * The URL of the active controller as far as this instance knows: its own when active, else
     * the latch holder's unless that is this very instance (not serving yet, or no longer).
     */
    public Optional<String> activeControllerUrl() {
        return isActive() ? Optional.of(advertisedUrl)
                : latchWatcher.leaderUrl().filter(url -> !url.equals(advertisedUrl));
    }

    /** This instance's own URL (its latch participant id). */
    public String advertisedUrl() {
        return advertisedUrl;
    }

    private void bootstrap(ControllerEpoch epoch) {
        List<ZkWrite> writes = new ArrayList<>();
        for (String path : loader.missingBasePaths()) {
            writes.add(new ZkWrite.Create(path, ""));
        }
        if (!loader.exists(ZkPaths.CLUSTER_ID)) {
            writes.add(new ZkWrite.Create(ZkPaths.CLUSTER_ID, Ids.random()));
        }
        if (!writes.isEmpty()) {
            persister.commit(epoch, writes);
        }
    }

    private Activation reload(Activation stale) {
        ClusterImage image = loader.load(stale.epoch());
        Activation fresh = new Activation(stale.epoch(), image, false);
        if (!current.compareAndSet(stale, fresh)) {
            throw standby();
        }
        return persist(fresh, RecoveryCommands.recover(image).writes());
    }

    private Activation persist(Activation activation, List<ZkWrite> writes) {
        Activation now = activation;
        for (List<ZkWrite> batch : WriteBatches.split(writes, maxTransactionBytes)) {
            try {
                persister.commit(now.epoch(), batch);
            } catch (FencedException e) {
                log.warn("Fenced: {}", e.getMessage());
                deactivate();
                onFenced.run();
                throw standby();
            } catch (WriteConflictException e) {
                markStale();
                throw e;
            } catch (ZkStoreException e) {
                markStale();
                throw new AdminException(ErrorCode.RETRIABLE, "could not write to ZooKeeper: " + e.getMessage(), e);
            }
            Activation next = new Activation(now.epoch(), now.image().replay(batch), false);
            if (!current.compareAndSet(now, next)) {
                throw standby();
            }
            now = next;
            reportStates(now.epoch(), batch, now.image());
        }
        return now;
    }

    private void reportStates(ControllerEpoch epoch, List<ZkWrite> batch, ClusterImage after) {
        List<PartitionChange> changes = PartitionChange.fromWrites(batch, after);
        if (changes.isEmpty()) {
            return;
        }
        try {
            statesListener.statesWritten(epoch.value(), changes);
        } catch (RuntimeException e) {
            log.warn("event=partition_states_listener_failed controller_epoch={} partitions={} error={}",
                    epoch.value(), changes.size(), e.toString());
        }
    }

    private void markStale() {
        current.getAndUpdate(activation -> activation == null ? null : activation.markedStale());
    }

    private void acquireLock() {
        try {
            if (!lock.tryLock(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AdminException(ErrorCode.RETRIABLE, "the controller is busy; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(ErrorCode.RETRIABLE, "interrupted while waiting for the controller", e);
        }
    }

    private Activation requireActive() {
        Activation activation = current.get();
        if (activation == null) {
            throw standby();
        }
        return activation;
    }

    private AdminException standby() {
        String active = activeControllerUrl().filter(url -> !url.equals(advertisedUrl)).orElse(null);
        return new AdminException(ErrorCode.RETRIABLE, "This controller (" + advertisedUrl
                + ") is not the active controller; "
                + (active == null ? "the active controller is not known yet" : "the active controller is " + active));
    }
}
