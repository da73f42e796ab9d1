package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a {@link ReplicaFetchRequest}, media type {@value #MEDIA_TYPE}: one {@link PartitionFetch} per
 * partition of the request, in its order. Big-endian:
 * <pre>
 * int32 count
 * count × { int16 topic_length, topic (UTF-8), int32 partition, int16 status,
 *           int64 high_watermark, int64 log_start_offset, int64 log_end_offset,
 *           int32 length, length bytes: the record batches (status 200) or the error message (UTF-8) }
 * </pre>
 * The body's length is announced up front ({@link #size}), so an answer cut short is never taken for a whole one.
 * Stateless.
 */
public final class ReplicaFetchAnswer {

    /** Media type of the answer. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.replica-fetched.v1";

    private static final int FIXED_PER_PARTITION = Short.BYTES + Integer.BYTES + Short.BYTES + 3 * Long.BYTES
            + Integer.BYTES;

    private ReplicaFetchAnswer() {
    }

    /** The number of bytes {@link #write} writes for {@code answers}. */
    public static long size(List<PartitionFetch> answers) {
        long size = Integer.BYTES;
        for (PartitionFetch answer : answers) {
            size += FIXED_PER_PARTITION + topicBytes(answer).length + payload(answer).remaining();
        }
        return size;
    }

    /** Writes {@code answers}; the batches go from their buffers to {@code out} with no copy of their own. */
    public static void write(List<PartitionFetch> answers, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(answers.size());
        for (PartitionFetch answer : answers) {
            byte[] topic = topicBytes(answer);
            FetchedBatches fetched = answer.fetched();
            ByteBuffer payload = payload(answer);
            data.writeShort(topic.length);
            data.write(topic);
            data.writeInt(answer.partition().partition());
            data.writeShort(answer.status());
            data.writeLong(fetched.highWatermark());
            data.writeLong(fetched.logStartOffset());
            data.writeLong(fetched.logEndOffset());
            data.writeInt(payload.remaining());
            if (payload.hasArray()) {
                data.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
            } else {
                byte[] copy = new byte[payload.remaining()];
                payload.duplicate().get(copy);
                data.write(copy);
            }
        }
        data.flush();
    }

    /**
     * The partitions' answers in a body; the batches are slices of {@code body}, not copies.
     *
     * @throws IllegalArgumentException if the framing does not add up
     */
    public static List<PartitionFetch> read(ByteBuffer body) {
        ByteBuffer in = body.slice();
        try {
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / FIXED_PER_PARTITION) {
                throw new IllegalArgumentException("the answer names " + count + " partitions in "
                        + body.remaining() + " bytes");
            }
            List<PartitionFetch> answers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] topic = new byte[in.getShort()];
                in.get(topic);
                TopicPartition partition = new TopicPartition(new String(topic, StandardCharsets.UTF_8), in.getInt());
                int status = in.getShort();
                long highWatermark = in.getLong();
                long logStart = in.getLong();
                long logEnd = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("partition " + partition + " has " + length
                            + " bytes, with " + in.remaining() + " left");
                }
                ByteBuffer payload = in.slice(in.position(), length);
                in.position(in.position() + length);
                answers.add(status == 200
                        ? PartitionFetch.of(partition, new FetchedBatches(highWatermark, logStart, logEnd, payload))
                        : PartitionFetch.failed(partition, status, StandardCharsets.UTF_8.decode(payload).toString()));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the last partition");
            }
            return answers;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("the answer ends inside a field (" + body.remaining() + " bytes)");
        }
    }

    private static byte[] topicBytes(PartitionFetch answer) {
        return answer.partition().topic().getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer payload(PartitionFetch answer) {
        return answer.isError() ? ByteBuffer.wrap(answer.error().getBytes(StandardCharsets.UTF_8))
                : answer.fetched().batches();
    }
}
