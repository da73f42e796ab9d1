package dev.streamlog.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The content of a storage node's ephemeral znode {@code /brokers/ids/{id}}:
 * {@code {"host":"127.0.0.1","port":9091,"rack":null}}. Its HTTP API is at {@link #baseUrl()}.
 *
 * @param host address other services reach the node on
 * @param port HTTP port of the node
 * @param rack rack or zone label for replica placement; null when unset
 */
public record BrokerRegistration(@JsonProperty("host") String host, @JsonProperty("port") int port,
                                 @JsonProperty("rack") String rack) {

    /** {@code http://host:port}, the root of the node's HTTP API. */
    public String baseUrl() {
        return "http://" + host + ":" + port;
    }
}
