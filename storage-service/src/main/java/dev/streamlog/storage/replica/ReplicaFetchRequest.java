package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.web.BadRequestException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A follower's fetch from one leader broker, covering every partition it follows there (Kafka's multi-partition
 * replica fetch), media type {@value #MEDIA_TYPE}. Big-endian:
 * <pre>
 * int32 replica_id, int32 max_wait_ms, int32 max_bytes, int32 count
 * count × { int16 topic_length, topic (UTF-8), int32 partition, int32 leader_epoch, int64 offset }
 * </pre>
 * {@code max_bytes} bounds the record bytes of the whole answer (a single batch larger than that still travels).
 * Immutable.
 *
 * @param replicaId the follower's broker id
 * @param maxWaitMs how long the leader may hold the request while no partition has anything new
 * @param maxBytes  the answer's record byte budget
 * @param positions where the follower stands in each partition, in the order the answer keeps
 */
public record ReplicaFetchRequest(int replicaId, int maxWaitMs, int maxBytes, List<FetchPosition> positions) {

    /** Media type of the request body. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.replica-fetch.v1";

    private static final int HEADER = 4 * Integer.BYTES;
    private static final int FIXED_PER_POSITION = Short.BYTES + 2 * Integer.BYTES + Long.BYTES;

    public ReplicaFetchRequest {
        positions = List.copyOf(positions);
    }

    /** The request body. */
    public byte[] encode() {
        List<byte[]> topics = new ArrayList<>(positions.size());
        int size = HEADER;
        for (FetchPosition position : positions) {
            byte[] topic = position.partition().topic().getBytes(StandardCharsets.UTF_8);
            topics.add(topic);
            size += FIXED_PER_POSITION + topic.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(replicaId).putInt(maxWaitMs).putInt(maxBytes).putInt(positions.size());
        for (int i = 0; i < positions.size(); i++) {
            FetchPosition position = positions.get(i);
            byte[] topic = topics.get(i);
            out.putShort((short) topic.length).put(topic).putInt(position.partition().partition())
                    .putInt(position.leaderEpoch()).putLong(position.offset());
        }
        return out.array();
    }

    /**
     * The request a body holds.
     *
     * @throws BadRequestException if the framing does not add up or a number is negative
     */
    public static ReplicaFetchRequest decode(ByteBuffer body) {
        ByteBuffer in = body.slice();
        try {
            int replicaId = in.getInt();
            int maxWaitMs = notNegative("max_wait_ms", in.getInt());
            int maxBytes = notNegative("max_bytes", in.getInt());
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / FIXED_PER_POSITION) {
                throw new BadRequestException("the fetch names " + count + " partitions in a body of "
                        + body.remaining() + " bytes");
            }
            List<FetchPosition> positions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] topic = new byte[notNegative("topic_length", in.getShort())];
                in.get(topic);
                TopicPartition partition = new TopicPartition(new String(topic, StandardCharsets.UTF_8),
                        notNegative("partition", in.getInt()));
                positions.add(new FetchPosition(partition, in.getInt(), notNegative("offset", in.getLong())));
            }
            if (in.hasRemaining()) {
                throw new BadRequestException(in.remaining() + " bytes follow the last partition of the fetch");
            }
            return new ReplicaFetchRequest(replicaId, maxWaitMs, maxBytes, positions);
        } catch (BufferUnderflowException e) {
            throw new BadRequestException("the fetch body ends inside a field (" + body.remaining() + " bytes)");
        }
    }

    private static <N extends Number> N notNegative(String field, N value) {
        if (value.longValue() < 0) {
            throw new BadRequestException("the fetch's " + field + " must not be negative, got " + value);
        }
        return value;
    }
}
