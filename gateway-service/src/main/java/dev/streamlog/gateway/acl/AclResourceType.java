package dev.streamlog.gateway.acl;

/**
 * The kinds of resource an ACL can name, as Kafka names them: a topic, a consumer group, or the cluster (whose
 * one resource is named {@link #CLUSTER_NAME}). Kafka's transactional ids and delegation tokens have no meaning
 * in Streamlog and are not taken.
 */
public enum AclResourceType {
    TOPIC, GROUP, CLUSTER;

    /** The name of the cluster resource, as Kafka names it. */
    public static final String CLUSTER_NAME = "kafka-cluster";
}
