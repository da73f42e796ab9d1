package dev.streamlog.gateway.produce;

import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendResponse;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka's record accumulator, for HTTP: the appends concurrent client requests make to partitions the same storage
 * node leads, with the same acks, travel together in one internal request ({@link StorageClient#appendAll}), as many
 * partitions as have records. Per node and acks level a lane keeps at most {@code inFlight} such requests out; an
 * append that finds a free slot leaves at once (no added latency when idle), one that finds none waits in the lane's
 * queue and leaves with everything queued (up to {@code maxRequestBytes}) as soon as a request is answered. Every
 * append gets exactly its own result, as {@link StorageClient#append} would give it, so the partition router's
 * retries work unchanged. How many appends each request carried is the distribution
 * {@code streamlog.gateway.appends.batched}.
 *
 * <p>Thread-safe: a lane's queue and count are guarded by the lane's monitor; requests are sent and results
 * completed outside it.
 */
public class AppendBatcher {

    /** Sends one internal appends request ({@link StorageClient#appendAll}); never completes exceptionally. */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<List<StorageResult<AppendResponse>>> send(String baseUrl,
                                                                    List<StorageClient.PartitionBatches> appends,
                                                                    Acks acks);
    }

    private final Sender sender;
    private final int inFlight;
    private final long maxRequestBytes;
    private final DistributionSummary batched;
    private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param sender          sends the internal requests, e.g. {@code storage::appendAll}
     * @param inFlight        the most requests out per node and acks level
     * @param maxRequestBytes the most batch bytes one request carries (an append larger than this goes alone)
     * @param registry        where the appends per request are counted
     */
    public AppendBatcher(Sender sender, int inFlight, long maxRequestBytes, MeterRegistry registry) {
        this.sender = sender;
        this.inFlight = inFlight;
        this.maxRequestBytes = maxRequestBytes;
        this.batched = DistributionSummary.builder("streamlog.gateway.appends.batched")
                .description("client appends carried by one internal appends request to a storage node")
                .register(registry);
    }

    /** Appends {@code batches} to {@code partition} on the node at {@code baseUrl}, with the appends sent meanwhile. */
    public CompletableFuture<StorageResult<AppendResponse>> append(String baseUrl, TopicPartition partition,
                                                                   RecordBatches batches, Acks acks) {
        Pending pending = new Pending(new StorageClient.PartitionBatches(partition, batches), new CompletableFuture<>());
        lanes.computeIfAbsent(new Key(baseUrl, acks), Lane::new).offer(pending);
        return pending.result();
    }

    private record Key(String baseUrl, Acks acks) {
    }

    private record Pending(StorageClient.PartitionBatches append,
                           CompletableFuture<StorageResult<AppendResponse>> result) {
    }

    /** The appends to one node with one acks level: those waiting, and how many requests are out. */
    private final class Lane {

        private final Key key;
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private int out;

        Lane(Key key) {
            this.key = key;
        }

        void offer(Pending pending) {
            List<Pending> request;
            synchronized (this) {
                queue.add(pending);
                request = takeIfFree();
            }
            send(request);
        }

        /** The queued appends for the next request, if a slot is free (taken then); else null. */
        private List<Pending> takeIfFree() {
            if (out >= inFlight || queue.isEmpty()) {
                return null;
            }
            out++;
            List<Pending> request = new ArrayList<>();
            long bytes = 0;
            while (!queue.isEmpty()) {
                long size = queue.peek().append().batches().bytes().length;
                if (!request.isEmpty() && bytes + size > maxRequestBytes) {
                    break;
                }
                request.add(queue.poll());
                bytes += size;
            }
            return request;
        }

        private void send(List<Pending> request) {
            if (request == null) {
                return;
            }
            batched.record(request.size());
            sender.send(key.baseUrl(), request.stream().map(Pending::append).toList(), key.acks())
                    .whenComplete((results, failure) -> {
                        boolean answered = failure == null && results.size() == request.size();
                        for (int i = 0; i < request.size(); i++) {
                            request.get(i).result().complete(answered ? results.get(i)
                                    : new StorageResult.Failed<>(ErrorCode.INTERNAL_ERROR, "the appends to storage node "
                                    + key.baseUrl() + " got no result per append: " + (failure != null ? failure
                                    : results.size() + " results for " + request.size() + " appends")));
                        }
                        List<Pending> next;
                        synchronized (this) {
                            out--;
                            next = takeIfFree();
                        }
                        send(next);
                    });
        }
    }
}
