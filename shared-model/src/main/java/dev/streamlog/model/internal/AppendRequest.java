package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of a storage node's {@code POST /internal/v1/partitions/{t}/{p}/records}: records the
 * leader appends as one batch, so they get consecutive offsets.
 *
 * @param records the records, in order
 */
public record AppendRequest(@JsonProperty("records") List<AppendRecord> records) {
}
