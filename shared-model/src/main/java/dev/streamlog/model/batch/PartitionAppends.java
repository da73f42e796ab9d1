package dev.streamlog.model.batch;

import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a multi-partition internal append, media type {@value #MEDIA_TYPE}: the appends several client
 * requests make to partitions one broker leads, sent together (Kafka's produce request, for HTTP). Big-endian:
 * <pre>
 * int32 count
 * count × { int16 topic length, topic (ASCII: topic names are [a-zA-Z0-9._-]), int32 partition,
 *           int32 length, that many bytes of {@link RecordBatches} }
 * </pre>
 * The same partition may come more than once; the leader appends the entries in order. Stateless.
 */
public final class PartitionAppends {

    /** Media type of a multi-partition append body. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.appends.v1";

    /**
     * One entry: record batches for one partition.
     *
     * @param partition the partition
     * @param batches   its record batches (the buffer's remaining bytes)
     */
    public record Append(TopicPartition partition, ByteBuffer batches) {
    }

    private PartitionAppends() {
    }

    /** The body for {@code appends}, in order. */
    public static byte[] encode(List<Append> appends) {
        int size = Integer.BYTES;
        for (Append append : appends) {
            size += Short.BYTES + append.partition().topic().length() + 2 * Integer.BYTES
                    + append.batches().remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(appends.size());
        for (Append append : appends) {
            byte[] topic = append.partition().topic().getBytes(StandardCharsets.US_ASCII);
            out.putShort((short) topic.length).put(topic).putInt(append.partition().partition())
                    .putInt(append.batches().remaining()).put(append.batches().duplicate());
        }
        return out.array();
    }

    /**
     * The entries of a body, in order; each entry's batches are a view of the body (not copied). Checks the framing
     * and the topic names, not the batches ({@link RecordBatches#split} does).
     *
     * @throws CorruptBatchException if the framing does not add up, there is no entry, or a topic name is invalid
     */
    public static List<Append> decode(ByteBuffer body) {
        ByteBuffer in = body.slice();
        int count = readInt(in, "the entry count");
        if (count < 1 || count > in.remaining() / (Short.BYTES + 2 * Integer.BYTES + 1)) {
            throw new CorruptBatchException("the append count " + count + " does not fit a body of "
                    + body.remaining() + " bytes");
        }
        List<Append> appends = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int topicLength = in.remaining() >= Short.BYTES ? in.getShort() : -1;
            if (topicLength < 1 || topicLength > Math.min(TopicNames.MAX_LENGTH, in.remaining())) {
                throw new CorruptBatchException("append " + i + " has a topic length of " + topicLength);
            }
            byte[] topicBytes = new byte[topicLength];
            in.get(topicBytes);
            String topic = new String(topicBytes, StandardCharsets.US_ASCII);
            if (!TopicNames.isValid(topic)) {
                throw new CorruptBatchException("append " + i + " names an invalid topic");
            }
            int partition = readInt(in, "append " + i + "'s partition");
            int length = readInt(in, "append " + i + "'s length");
            if (partition < 0 || length < 1 || length > in.remaining()) {
                throw new CorruptBatchException("append " + i + " has partition " + partition + " and " + length
                        + " bytes of batches, with " + in.remaining() + " left");
            }
            ByteBuffer batches = in.slice(in.position(), length);
            in.position(in.position() + length);
            appends.add(new Append(new TopicPartition(topic, partition), batches));
        }
        if (in.hasRemaining()) {
            throw new CorruptBatchException(in.remaining() + " bytes follow the last append");
        }
        return appends;
    }

    private static int readInt(ByteBuffer in, String what) {
        if (in.remaining() < Integer.BYTES) {
            throw new CorruptBatchException("the body ends before " + what);
        }
        return in.getInt();
    }
}
