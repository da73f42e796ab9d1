package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to a produce request: one {@link PartitionOffset} per record, in request order.
 * The schema ids are always null (there is no schema registry) but present, as v2 clients expect.
 *
 * @param keySchemaId   always null
 * @param valueSchemaId always null
 * @param offsets       per-record results
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProduceResponse(@JsonProperty("key_schema_id") Integer keySchemaId,
                              @JsonProperty("value_schema_id") Integer valueSchemaId,
                              @JsonProperty("offsets") List<PartitionOffset> offsets) {

    public static ProduceResponse of(List<PartitionOffset> offsets) {
        return new ProduceResponse(null, null, offsets);
    }
}
