package dev.streamlog.storage.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.streamlog.model.TopicPartition;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FetchSessionTest {

    private static final int LEADER = 1;
    private static final TopicPartition A = new TopicPartition("t", 0);
    private static final TopicPartition B = new TopicPartition("t", 1);

    private final ReplicaClient client = mock(ReplicaClient.class);
    private final List<ReplicaFetchRequest> sent = new ArrayList<>();
    private final List<CompletableFuture<List<PartitionFetch>>> answers = new ArrayList<>();
    private final FetchSession session = new FetchSession(LEADER, 2, client, 4096, Duration.ofMillis(500));

    FetchSessionTest() {
        when(client.fetch(anyInt(), any())).thenAnswer(call -> {
            sent.add(call.getArgument(1));
            CompletableFuture<List<PartitionFetch>> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });
    }

    @Test
    void oneRequestAtATimeCarriesEveryMemberAndEachAnswerGoesToItsFetcher() {
        FollowerFetcher a = fetcher(A, 10);
        FollowerFetcher b = fetcher(B, 20);
        session.join(a);
        session.join(b);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).positions()).containsExactly(a.position());
        assertThat(sent.get(0).replicaId()).isEqualTo(2);
        assertThat(sent.get(0).maxWaitMs()).isEqualTo(500);

        PartitionFetch forA = ok(A);
        answers.get(0).complete(List.of(forA));
        FetchPosition atA = a.position();
        verify(a).fetched(atA, forA);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).positions()).containsExactlyInAnyOrder(a.position(), b.position());

        PartitionFetch forB = ok(B);
        List<FetchPosition> second = sent.get(1).positions();
        answers.get(1).complete(second.get(0).partition().equals(A) ? List.of(forA, forB) : List.of(forB, forA));
        FetchPosition atB = b.position();
        verify(b).fetched(atB, forB);
        assertThat(sent).hasSize(3);
    }

    @Test
    void aFetcherThatLeavesOrStopsIsNotFetchedAndTheOthersGoOn() {
        FollowerFetcher a = fetcher(A, 10);
        FollowerFetcher b = fetcher(B, 20);
        doAnswer(call -> {
            session.leave(b);
            return null;
        }).when(b).fetched(any(), any());
        session.join(a);
        session.join(b);
        answers.get(0).complete(List.of(ok(A)));
        List<FetchPosition> second = sent.get(1).positions();
        answers.get(1).complete(second.get(0).partition().equals(A) ? List.of(ok(A), ok(B)) : List.of(ok(B), ok(A)));
        assertThat(sent.get(2).positions()).containsExactly(a.position());
        assertThat(session.size()).isEqualTo(1);

        when(a.isStopped()).thenReturn(true);
        answers.get(2).complete(List.of(ok(A)));
        assertThat(sent).hasSize(3);
        assertThat(session.size()).isZero();
    }

    @Test
    void aFailedRequestTellsEveryFetcherWhichRetriesOnItsOwn() {
        FollowerFetcher a = fetcher(A, 10);
        doAnswer(call -> {
            session.leave(a);
            return null;
        }).when(a).failed(any());
        ConnectException down = new ConnectException("refused");
        session.join(a);
        answers.get(0).completeExceptionally(down);
        verify(a).failed(down);
        verify(a, never()).fetched(any(), any());
        assertThat(sent).hasSize(1);
        assertThat(session.size()).isZero();

        session.join(a);
        assertThat(sent).hasSize(2);
    }

    private static FollowerFetcher fetcher(TopicPartition partition, long logEnd) {
        FollowerFetcher fetcher = mock(FollowerFetcher.class);
        when(fetcher.position()).thenReturn(new FetchPosition(partition, 3, logEnd));
        return fetcher;
    }

    private static PartitionFetch ok(TopicPartition partition) {
        return PartitionFetch.of(partition, new FetchedBatches(5, 0, 5, ByteBuffer.allocate(0)));
    }
}
