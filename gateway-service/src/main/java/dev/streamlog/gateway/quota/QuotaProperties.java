package dev.streamlog.gateway.quota;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-principal quotas, configured as Kafka's client quotas are: defaults for every principal and overrides per user,
 * prefix {@code streamlog.gateway.quotas}. Each limit is the principal's across the cluster; every gateway enforces
 * its share (the limit divided by the live gateways). Immutable.
 *
 * @param defaults the limits of a principal without overrides (each absent: unlimited)
 * @param users    overrides by user name (the principal without {@code User:}; a name with characters a property key
 *                 cannot hold is written in brackets, e.g. {@code users.[CN=alice,O=Acme]}); a limit an override
 *                 leaves out is the default's
 */
@ConfigurationProperties("streamlog.gateway.quotas")
public record QuotaProperties(@DefaultValue Limits defaults, Map<String, Limits> users) {

    public QuotaProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /**
     * One principal's limits, per second and cluster-wide; null for none.
     *
     * @param producerByteRate bytes of produce request bodies (Kafka's {@code producer_byte_rate})
     * @param consumerByteRate bytes of record reads answered, polls and partition reads (Kafka's
     *                         {@code consumer_byte_rate})
     * @param requestRate      requests of any kind
     */
    public record Limits(Long producerByteRate, Long consumerByteRate, Double requestRate) {

        public Limits {
            if ((producerByteRate != null && producerByteRate <= 0) || (consumerByteRate != null
                    && consumerByteRate <= 0) || (requestRate != null && !(requestRate > 0))) {
                throw new IllegalArgumentException("streamlog.gateway.quotas: every rate must be positive"
                        + " (leave one out for no limit)");
            }
        }

        /** This principal's limit of {@code type}, this one's or else {@code defaults}'s; null for none. */
        Double of(QuotaType type, Limits defaults) {
            Double own = rate(type);
            return own != null ? own : defaults == null ? null : defaults.rate(type);
        }

        private Double rate(QuotaType type) {
            return switch (type) {
                case PRODUCE -> producerByteRate == null ? null : producerByteRate.doubleValue();
                case FETCH -> consumerByteRate == null ? null : consumerByteRate.doubleValue();
                case REQUEST -> requestRate;
            };
        }
    }

    /** The limit of {@code type} for user {@code name}; null for none. */
    Double limit(String name, QuotaType type) {
        Limits own = users.get(name);
        return own != null ? own.of(type, defaults) : defaults.of(type, null);
    }
}
