package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One change in {@code POST /v3/clusters/{c}/topics/{t}/configs:alter}: set {@code name} to
 * {@code value}, or with {@code "operation":"DELETE"} remove the override.
 *
 * @param name      the config name
 * @param value     the new value (ignored for DELETE)
 * @param operation {@code SET} (the default when null) or {@code DELETE}
 */
public record AlterConfigEntry(@JsonProperty("name") String name, @JsonProperty("value") String value,
                               @JsonProperty("operation") String operation) {

    public static final String SET = "SET";
    public static final String DELETE = "DELETE";
}
