package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One ACL as the v3 API describes it ({@code kind} {@code KafkaAcl}); its {@code self} is the ACL API's URL that
 * searches for exactly this ACL, as Confluent's is. The enums are Kafka's names in upper case. Immutable.
 *
 * @param kind         always {@code KafkaAcl}
 * @param metadata     its URL (no resource name)
 * @param clusterId    the cluster's id
 * @param resourceType {@code TOPIC}, {@code GROUP} or {@code CLUSTER}
 * @param resourceName the resource's name, a prefix of names, or {@code *}
 * @param patternType  {@code LITERAL} or {@code PREFIXED}
 * @param principal    {@code User:<name>} or {@code User:*}
 * @param host         a client address or {@code *}
 * @param operation    e.g. {@code READ}
 * @param permission   {@code ALLOW} or {@code DENY}
 */
public record AclData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                      @JsonProperty("cluster_id") String clusterId,
                      @JsonProperty("resource_type") String resourceType,
                      @JsonProperty("resource_name") String resourceName,
                      @JsonProperty("pattern_type") String patternType,
                      @JsonProperty("principal") String principal, @JsonProperty("host") String host,
                      @JsonProperty("operation") String operation, @JsonProperty("permission") String permission) {

    public static final String KIND = "KafkaAcl";
    public static final String LIST_KIND = "KafkaAclList";

    /** The answer to a delete: {@code {"data":[…]}}, the ACLs deleted (Confluent's {@code DeleteAclsResponse}). */
    public record Deleted(@JsonProperty("data") List<AclData> data) {
    }
}
