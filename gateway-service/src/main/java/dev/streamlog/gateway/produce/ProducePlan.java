package dev.streamlog.gateway.produce;

import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.gateway.format.EncodedRecord;
import dev.streamlog.gateway.metadata.Lookups;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.Partitioner;
import dev.streamlog.model.batch.BatchTooLargeException;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.v2.PartitionOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * One produce request split by partition: which partition each record goes to, one append per partition (its
 * records in request order, encoded once as {@link RecordBatches} no larger than the topic's
 * {@code max.message.bytes}), and, once the appends are answered, each record's
 * {@link PartitionOffset} back in request order (record {@code i} of a partition's append got
 * {@code base_offset + i}; records of a failed append carry its error in-band).
 *
 * <p>Partition choice is Kafka's: the partition the route names, else the record's explicit partition (checked
 * against the partition count: 404/40402), else murmur2 of the key bytes, else one sticky partition for all the
 * request's keyless records. Immutable once built; thread-safe.
 */
final class ProducePlan {

    private final int[] partitions;
    private final int[] positions;
    private final Map<Integer, RecordBatches> requests;

    private ProducePlan(int[] partitions, int[] positions, Map<Integer, RecordBatches> requests) {
        this.partitions = partitions;
        this.positions = positions;
        this.requests = requests;
    }

    /**
     * Plans a request.
     *
     * @param records       the records, in request order
     * @param topic         the topic they go to
     * @param routePartition the partition the route names ({@code /topics/{t}/partitions/{p}}), or null
     * @param partitioner   keeps the topic's sticky position for keyless records
     * @param now           the timestamp of records that carry none
     * @throws RecordTooLargeException 413/41301 if a record, as a record batch of its own, exceeds
     *                                 {@code max.message.bytes}
     */
    static ProducePlan of(List<EncodedRecord> records, TopicView topic, Integer routePartition,
                          Partitioner partitioner, long now) {
        int count = topic.partitionCount();
        int[] partitions = new int[records.size()];
        int[] positions = new int[records.size()];
        Map<Integer, List<AppendRecord>> grouped = new LinkedHashMap<>();
        Integer sticky = null;
        for (int i = 0; i < records.size(); i++) {
            EncodedRecord record = records.get(i);
            Integer explicit = record.partition();
            if (routePartition != null) {
                if (explicit != null && !explicit.equals(routePartition)) {
                    throw new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, "records[" + i + "].partition is "
                            + explicit + " but the request is for partition " + routePartition);
                }
                explicit = routePartition;
            }
            if (explicit != null) {
                Lookups.partition(topic, explicit);
            } else if (record.key() == null && sticky == null) {
                sticky = partitioner.stickyPartition(topic.name(), count);
            }
            int partition = Partitioner.partition(explicit, record.key(), count, sticky == null ? 0 : sticky);
            List<AppendRecord> group = grouped.computeIfAbsent(partition, p -> new ArrayList<>());
            partitions[i] = partition;
            positions[i] = group.size();
            group.add(new AppendRecord(record.key(), record.value(), record.headers(),
                    record.timestamp() == null ? now : record.timestamp()));
        }
        Map<Integer, RecordBatches> requests = new LinkedHashMap<>();
        grouped.forEach((partition, group) -> requests.put(partition,
                encode(group, topic, requestIndex(partitions, positions, partition))));
        return new ProducePlan(partitions, positions, requests);
    }

    private static RecordBatches encode(List<AppendRecord> group, TopicView topic, IntUnaryOperator requestIndex) {
        try {
            return RecordBatches.encode(group, topic.maxMessageBytes());
        } catch (BatchTooLargeException e) {
            int index = requestIndex.applyAsInt(e.recordIndex());
            throw new RecordTooLargeException(index, "records[" + index + "] takes " + e.size() + " bytes as a record"
                    + " batch of its own (key, value, headers and the batch's framing); topic '" + topic.name()
                    + "' allows " + e.limit() + " (max.message.bytes)");
        }
    }

    /** Maps a record's position in its partition's group back to its index in the request. */
    private static IntUnaryOperator requestIndex(int[] partitions, int[] positions, int partition) {
        return position -> {
            for (int i = 0; i < partitions.length; i++) {
                if (partitions[i] == partition && positions[i] == position) {
                    return i;
                }
            }
            throw new IllegalArgumentException("partition " + partition + " has no record at " + position);
        };
    }

    /** One append per partition, in the order the partitions first appear in the request. */
    Map<Integer, RecordBatches> requests() {
        return Collections.unmodifiableMap(requests);
    }

    /** The partition record {@code index} goes to. */
    int partitionOf(int index) {
        return partitions[index];
    }

    /**
     * Each record's result in request order, from the outcome of each partition's append (every partition of
     * {@link #requests()} must have one).
     */
    List<PartitionOffset> offsets(Map<Integer, StorageResult<AppendResponse>> outcomes) {
        List<PartitionOffset> offsets = new ArrayList<>(partitions.length);
        for (int i = 0; i < partitions.length; i++) {
            StorageResult<AppendResponse> outcome = outcomes.get(partitions[i]);
            if (outcome instanceof StorageResult.Ok<AppendResponse> ok) {
                offsets.add(PartitionOffset.written(partitions[i], ok.value().baseOffset() + positions[i]));
            } else if (outcome instanceof StorageResult.Failed<AppendResponse> failed) {
                offsets.add(PartitionOffset.failed(failed.code().code(), failed.message()));
            } else {
                offsets.add(PartitionOffset.failed(ErrorCode.RETRIABLE.code(),
                        "no answer from the leader of partition " + partitions[i] + "; retry"));
            }
        }
        return offsets;
    }

    /** Each record's partition without an offset: the answer of acks=0, which does not wait for the leaders. */
    List<PartitionOffset> unacknowledged() {
        List<PartitionOffset> offsets = new ArrayList<>(partitions.length);
        for (int partition : partitions) {
            offsets.add(new PartitionOffset(partition, null, null, null));
        }
        return offsets;
    }
}
