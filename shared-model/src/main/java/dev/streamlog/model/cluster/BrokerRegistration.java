package dev.streamlog.model.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The content of a storage node's ephemeral znode {@code /brokers/ids/{id}}:
 * {@code {"host":"127.0.0.1","port":9091,"rack":null,"tls":false}}. Its HTTP API is at {@link #baseUrl()}.
 *
 * @param host address other services reach the node on
 * @param port HTTP port of the node
 * @param rack rack or zone label for replica placement; null when unset
 * @param tls  whether the port speaks TLS (HTTPS); false when absent, as nodes registered before TLS existed
 */
public record BrokerRegistration(@JsonProperty("host") String host, @JsonProperty("port") int port,
                                 @JsonProperty("rack") String rack, @JsonProperty("tls") boolean tls) {

    /** Reads a registration; one without {@code tls} (written before TLS existed) is plain HTTP. */
    @JsonCreator
    static BrokerRegistration read(@JsonProperty("host") String host, @JsonProperty("port") int port,
                                   @JsonProperty("rack") String rack, @JsonProperty("tls") Boolean tls) {
        return new BrokerRegistration(host, port, rack, Boolean.TRUE.equals(tls));
    }

    /** {@code http://host:port} or {@code https://host:port}, the root of the node's HTTP API. */
    public String baseUrl() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
