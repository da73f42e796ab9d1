package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of a v3 batch produce ({@code POST …/topics/{t}/records:batch}, status 207), as Confluent's openapi
 * {@code ProduceBatchResponse} has it: {@code {"successes":[{"id","cluster_id","topic_name","partition_id","offset",
 * "timestamp","key","value"}],"failures":[{"id","error_code","message"}]}}, each entry named by the id the request
 * gave it. Immutable.
 *
 * @param successes the entries written
 * @param failures  the entries not written
 */
public record ProduceBatchResponse(@JsonProperty("successes") List<Success> successes,
                                   @JsonProperty("failures") List<Failure> failures) {

    /** An entry written: where and when, and its key's and value's type and size. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Success(@JsonProperty("id") String id, @JsonProperty("cluster_id") String clusterId,
                          @JsonProperty("topic_name") String topicName,
                          @JsonProperty("partition_id") Integer partitionId, @JsonProperty("offset") Long offset,
                          @JsonProperty("timestamp") String timestamp, @JsonProperty("key") ProduceReport.Data key,
                          @JsonProperty("value") ProduceReport.Data value) {

        /** The success entry of a written record's report. */
        public static Success of(String id, ProduceReport report) {
            return new Success(id, report.clusterId(), report.topicName(), report.partitionId(), report.offset(),
                    report.timestamp(), report.key(), report.value());
        }
    }

    /** An entry not written: its error code and why. */
    public record Failure(@JsonProperty("id") String id, @JsonProperty("error_code") int errorCode,
                          @JsonProperty("message") String message) {
    }
}
