package dev.streamlog.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionAppendsTest {

    @Test
    void entriesComeBackInOrderAsViewsOfTheBody() {
        byte[] body = PartitionAppends.encode(List.of(
                new PartitionAppends.Append(new TopicPartition("orders", 3), ByteBuffer.wrap(new byte[] {1, 2, 3})),
                new PartitionAppends.Append(new TopicPartition("a.b-c_d", 0), ByteBuffer.wrap(new byte[] {9})),
                new PartitionAppends.Append(new TopicPartition("orders", 3), ByteBuffer.wrap(new byte[] {4}))));

        List<PartitionAppends.Append> appends = PartitionAppends.decode(ByteBuffer.wrap(body));

        assertThat(appends).extracting(PartitionAppends.Append::partition).containsExactly(
                new TopicPartition("orders", 3), new TopicPartition("a.b-c_d", 0), new TopicPartition("orders", 3));
        assertThat(bytes(appends.get(0).batches())).containsExactly(1, 2, 3);
        assertThat(bytes(appends.get(1).batches())).containsExactly(9);
        assertThat(bytes(appends.get(2).batches())).containsExactly(4);
    }

    @Test
    void aBodyWhoseFramingDoesNotAddUpIsRefused() {
        byte[] body = PartitionAppends.encode(List.of(
                new PartitionAppends.Append(new TopicPartition("orders", 1), ByteBuffer.wrap(new byte[] {1, 2}))));

        for (int cut = 0; cut < body.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(body, 0, cut);
            assertThatThrownBy(() -> PartitionAppends.decode(truncated)).isInstanceOf(CorruptBatchException.class);
        }
        byte[] longer = ByteBuffer.allocate(body.length + 1).put(body).array();
        assertThatThrownBy(() -> PartitionAppends.decode(ByteBuffer.wrap(longer)))
                .isInstanceOf(CorruptBatchException.class).hasMessageContaining("follow the last append");
        ByteBuffer huge = ByteBuffer.wrap(body.clone());
        huge.putInt(0, Integer.MAX_VALUE);
        assertThatThrownBy(() -> PartitionAppends.decode(huge)).isInstanceOf(CorruptBatchException.class);
        ByteBuffer badTopic = ByteBuffer.wrap(body.clone());
        badTopic.put(Integer.BYTES + Short.BYTES, (byte) '/');
        assertThatThrownBy(() -> PartitionAppends.decode(badTopic)).isInstanceOf(CorruptBatchException.class)
                .hasMessageContaining("invalid topic");
        ByteBuffer negativePartition = ByteBuffer.wrap(body.clone());
        negativePartition.putInt(Integer.BYTES + Short.BYTES + "orders".length(), -1);
        assertThatThrownBy(() -> PartitionAppends.decode(negativePartition)).isInstanceOf(CorruptBatchException.class);
    }

    @Test
    void outcomesComeBackInOrder() {
        byte[] body = AppendOutcomes.encode(List.of(new AppendOutcomes.Outcome(200, "{\"a\":1}".getBytes()),
                new AppendOutcomes.Outcome(421, new byte[0])));

        List<AppendOutcomes.Outcome> outcomes = AppendOutcomes.decode(ByteBuffer.wrap(body));

        assertThat(outcomes).extracting(AppendOutcomes.Outcome::status).containsExactly(200, 421);
        assertThat(new String(outcomes.get(0).body())).isEqualTo("{\"a\":1}");
        assertThat(outcomes.get(1).body()).isEmpty();
        for (int cut = 0; cut < body.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(body, 0, cut);
            assertThatThrownBy(() -> AppendOutcomes.decode(truncated)).isInstanceOf(CorruptBatchException.class);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
