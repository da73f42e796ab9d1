package dev.streamlog.storage.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.web.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaFetchWireTest {

    private static final TopicPartition ORDERS = new TopicPartition("orders", 3);
    private static final TopicPartition CLICKS = new TopicPartition("clicks-é", 0);

    @Test
    void aRequestReadsBackAsItWasWritten() {
        ReplicaFetchRequest request = new ReplicaFetchRequest(2, 500, 4 << 20,
                List.of(new FetchPosition(ORDERS, 7, 1234), new FetchPosition(CLICKS, 1, 0)));
        assertThat(ReplicaFetchRequest.decode(ByteBuffer.wrap(request.encode()))).isEqualTo(request);
    }

    @Test
    void aRequestCutShortOrWithTrailingBytesOrAHugeCountIsRefused() {
        byte[] body = new ReplicaFetchRequest(2, 500, 100, List.of(new FetchPosition(ORDERS, 7, 1234))).encode();
        assertThatThrownBy(() -> ReplicaFetchRequest.decode(ByteBuffer.wrap(Arrays.copyOf(body, body.length - 1))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("ends inside a field");
        assertThatThrownBy(() -> ReplicaFetchRequest.decode(ByteBuffer.wrap(Arrays.copyOf(body, body.length + 1))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("1 bytes follow");
        ByteBuffer huge = ByteBuffer.wrap(body.clone());
        huge.putInt(12, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ReplicaFetchRequest.decode(huge))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("names 2147483647 partitions");
        ByteBuffer negative = ByteBuffer.wrap(body.clone());
        negative.putLong(body.length - Long.BYTES, -1);
        assertThatThrownBy(() -> ReplicaFetchRequest.decode(negative))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("offset must not be negative");
    }

    @Test
    void anAnswerReadsBackInOrderWithBatchesAndErrorsAndAnnouncesItsSize() throws Exception {
        List<PartitionFetch> answers = List.of(
                PartitionFetch.of(ORDERS, new FetchedBatches(10, 2, 12, ByteBuffer.wrap(new byte[] {5, 6, 7}))),
                PartitionFetch.failed(CLICKS, 409, "this node leads clicks-é-0 in epoch 2, not 1"),
                PartitionFetch.of(new TopicPartition("idle", 1), new FetchedBatches(4, 0, 4, ByteBuffer.allocate(0))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplicaFetchAnswer answer = ReplicaFetchAnswer.of(answers);
        answer.writeTo(out);
        assertThat((long) out.size()).isEqualTo(answer.size());

        List<PartitionFetch> read = ReplicaFetchAnswer.read(ByteBuffer.wrap(out.toByteArray()));
        assertThat(read).extracting(PartitionFetch::partition)
                .containsExactly(ORDERS, CLICKS, new TopicPartition("idle", 1));
        assertThat(read.get(0).fetched()).isEqualTo(answers.get(0).fetched());
        assertThat(read.get(1).isError()).isTrue();
        assertThat(read.get(1).error()).isEqualTo("this node leads clicks-é-0 in epoch 2, not 1");
        assertThat(read.get(2).fetched().batches().remaining()).isZero();
    }

    @Test
    void nothingIsWrittenOnceTheAnnouncedLengthIsReachedAsAServletResponseClosesThen() throws Exception {
        ReplicaFetchAnswer answer = ReplicaFetchAnswer.of(List.of(
                PartitionFetch.of(ORDERS, new FetchedBatches(10, 2, 12, ByteBuffer.wrap(new byte[] {5, 6, 7}))),
                PartitionFetch.of(new TopicPartition("idle", 1), new FetchedBatches(4, 0, 4, ByteBuffer.allocate(0)))));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream closesAtLength = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written.size() >= answer.size()) {
                    throw new IOException("written after the announced length (" + len + " bytes)");
                }
                written.write(b, off, len);
            }
        };
        answer.writeTo(closesAtLength);
        assertThat((long) written.size()).isEqualTo(answer.size());
    }

    @Test
    void anAnswerCutShortIsNeverTakenForAWholeOne() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplicaFetchAnswer.of(List.of(PartitionFetch.of(ORDERS,
                new FetchedBatches(10, 2, 12, ByteBuffer.wrap(new byte[] {5, 6, 7}))))).writeTo(out);
        byte[] whole = out.toByteArray();
        for (int cut = 0; cut < whole.length; cut++) {
            ByteBuffer part = ByteBuffer.wrap(Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> ReplicaFetchAnswer.read(part)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
