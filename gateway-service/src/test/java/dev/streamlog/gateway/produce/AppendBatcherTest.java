package dev.streamlog.gateway.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AppendBatcherTest {

    private static final String NODE = "http://node-1";
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final RecordingStorage storage = new RecordingStorage();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void appendsMadeWhileTheSlotIsTakenTravelTogetherAndEachGetsItsOwnResult() {
        AppendBatcher batcher = new AppendBatcher(storage, 1, 1 << 20, registry);

        CompletableFuture<StorageResult<AppendResponse>> first = batcher.append(NODE, P0, batches("a"), Acks.ALL);
        CompletableFuture<StorageResult<AppendResponse>> second = batcher.append(NODE, P1, batches("b"), Acks.ALL);
        CompletableFuture<StorageResult<AppendResponse>> third = batcher.append(NODE, P0, batches("c"), Acks.ALL);

        assertThat(storage.requests).hasSize(1);
        assertThat(storage.requests.get(0).partitions()).containsExactly(P0);
        storage.answer(0, new StorageResult.Ok<>(new AppendResponse(10, 1)));
        assertThat(first.join()).isEqualTo(new StorageResult.Ok<>(new AppendResponse(10, 1)));
        assertThat(storage.requests).hasSize(2);
        assertThat(storage.requests.get(1).partitions()).containsExactly(P1, P0);
        assertThat(second).isNotDone();

        storage.answer(1, new StorageResult.Ok<>(new AppendResponse(5, 1)),
                new StorageResult.NotLeader<>(2, "not the leader"));
        assertThat(second.join()).isEqualTo(new StorageResult.Ok<>(new AppendResponse(5, 1)));
        assertThat(third.join()).isEqualTo(new StorageResult.NotLeader<>(2, "not the leader"));
        assertThat(registry.summary("streamlog.gateway.appends.batched").totalAmount()).isEqualTo(3);
        assertThat(registry.summary("streamlog.gateway.appends.batched").count()).isEqualTo(2);
    }

    @Test
    void eachAcksLevelAndNodeHasItsOwnLane() {
        AppendBatcher batcher = new AppendBatcher(storage, 1, 1 << 20, registry);

        batcher.append(NODE, P0, batches("a"), Acks.ALL);
        batcher.append(NODE, P0, batches("b"), Acks.LEADER);
        batcher.append("http://node-2", P0, batches("c"), Acks.ALL);

        assertThat(storage.requests).extracting(Request::acks).containsExactly(Acks.ALL, Acks.LEADER, Acks.ALL);
        assertThat(storage.requests).extracting(Request::node).containsExactly(NODE, NODE, "http://node-2");
    }

    @Test
    void aRequestCarriesNoMoreThanTheLimitUnlessOneAppendAloneIsLarger() {
        AppendBatcher batcher = new AppendBatcher(storage, 1, batches("a").bytes().length * 2L, registry);

        batcher.append(NODE, P0, batches("x"), Acks.ALL);
        for (int i = 0; i < 5; i++) {
            batcher.append(NODE, P1, batches("y"), Acks.ALL);
        }
        storage.answer(0, new StorageResult.Ok<>(new AppendResponse(0, 1)));

        assertThat(storage.requests.get(1).partitions()).hasSize(2);
    }

    @Test
    void aRequestAnsweredWithTheWrongNumberOfResultsFailsEachAppend() {
        AppendBatcher batcher = new AppendBatcher(storage, 2, 1 << 20, registry);

        CompletableFuture<StorageResult<AppendResponse>> result = batcher.append(NODE, P0, batches("a"), Acks.ALL);
        storage.answer(0);

        assertThat(result.join()).isInstanceOf(StorageResult.Failed.class);
    }

    private static RecordBatches batches(String value) {
        return RecordBatches.encode(List.of(new AppendRecord(null, value.getBytes(), List.of(), 1L)), 1 << 20);
    }

    private record Request(String node, List<TopicPartition> partitions, Acks acks,
                           CompletableFuture<List<StorageResult<AppendResponse>>> answer) {
    }

    /** Records each request the batcher sends and answers it when the test says. */
    private static final class RecordingStorage implements AppendBatcher.Sender {

        final List<Request> requests = new ArrayList<>();

        void answer(int request, StorageResult<?>... results) {
            List<StorageResult<AppendResponse>> typed = new ArrayList<>();
            for (StorageResult<?> result : results) {
                @SuppressWarnings("unchecked")
                StorageResult<AppendResponse> cast = (StorageResult<AppendResponse>) result;
                typed.add(cast);
            }
            requests.get(request).answer().complete(typed);
        }

        @Override
        public CompletableFuture<List<StorageResult<AppendResponse>>> send(
                String baseUrl, List<StorageClient.PartitionBatches> appends, Acks acks) {
            CompletableFuture<List<StorageResult<AppendResponse>>> answer = new CompletableFuture<>();
            requests.add(new Request(baseUrl, appends.stream().map(StorageClient.PartitionBatches::partition).toList(),
                    acks, answer));
            return answer;
        }
    }
}
