package dev.streamlog.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The content of a consumer coordinator's ephemeral znodes: its membership
 * {@code /coordinators/members/{id}} and each lease {@code /coordinators/partitions/{p}} it holds:
 * {@code {"id":"4f1c…","url":"http://127.0.0.1:9291"}}.
 *
 * @param id  the coordinator's id, unique per process start
 * @param url the root of its HTTP API
 */
public record CoordinatorRegistration(@JsonProperty("id") String id, @JsonProperty("url") String url) {
}
