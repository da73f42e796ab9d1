package dev.streamlog.storage.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's replication from one leader broker: one long-polled request at a time carries every partition this
 * node follows there (Kafka's multi-partition replica fetch), so the cost of an exchange is paid once per broker
 * pair, not once per partition. A {@link FollowerFetcher} joins once its partition is truncated to the leader's
 * log and stays while its fetches succeed; each answer is handed to the fetchers of the request in its order, and
 * the next request leaves as soon as the answer is handled. A fetcher that fails leaves before it retries on its
 * own (and joins again once truncated), one that stopped is dropped; a fetcher joining while a request is out
 * waits for its answer (at most the fetch wait).
 * Partitions travel in a rotating order, so under the byte budget no partition always comes last.
 *
 * <p>Thread-safe: members are a concurrent set; one flag lets one request be out at a time.
 */
final class FetchSession {

    private final int leaderId;
    private final int localId;
    private final ReplicaClient client;
    private final int maxBytes;
    private final int maxWaitMs;
    private final Set<FollowerFetcher> members = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean fetching = new AtomicBoolean();
    private int rotation;

    FetchSession(int leaderId, int localId, ReplicaClient client, int maxBytes, Duration maxWait) {
        this.leaderId = leaderId;
        this.localId = localId;
        this.client = client;
        this.maxBytes = maxBytes;
        this.maxWaitMs = (int) Math.min(Integer.MAX_VALUE, maxWait.toMillis());
    }

    /** Adds a fetcher ready to fetch; sends at once unless a request is out. */
    void join(FollowerFetcher fetcher) {
        members.add(fetcher);
        sendIfIdle();
    }

    /** Removes a fetcher (it failed and retries on its own); a no-op for one that is not a member. */
    void leave(FollowerFetcher fetcher) {
        members.remove(fetcher);
    }

    /** How many fetchers fetch through this session now. */
    int size() {
        return members.size();
    }

    private void sendIfIdle() {
        while (!members.isEmpty() && fetching.compareAndSet(false, true)) {
            List<FollowerFetcher> sent = new ArrayList<>(members);
            sent.removeIf(fetcher -> {
                if (fetcher.isStopped()) {
                    members.remove(fetcher);
                    return true;
                }
                return false;
            });
            if (!sent.isEmpty()) {
                send(sent);
                return;
            }
            fetching.set(false);
        }
    }

    private void send(List<FollowerFetcher> sent) {
        Collections.rotate(sent, rotation++ % sent.size());
        List<FetchPosition> positions = new ArrayList<>(sent.size());
        for (FollowerFetcher fetcher : sent) {
            positions.add(fetcher.position());
        }
        client.fetch(leaderId, new ReplicaFetchRequest(localId, maxWaitMs, maxBytes, positions))
                .whenComplete((answers, error) -> {
                    try {
                        for (int i = 0; i < sent.size(); i++) {
                            if (error == null) {
                                sent.get(i).fetched(positions.get(i), answers.get(i));
                            } else {
                                sent.get(i).failed(error);
                            }
                        }
                    } finally {
                        fetching.set(false);
                        sendIfIdle();
                    }
                });
    }
}
