package dev.streamlog.model;

/**
 * Every ZooKeeper path the platform uses, relative to its chroot (the Curator namespace,
 * {@code streamlog} by default). The znode contents are described with each path.
 *
 * <pre>
 * /brokers/ids/{id}                              ephemeral: {"host","port","rack","tls"} of a live storage node
 * /brokers/topics/{t}                            {"partitions":{"0":[1,2,3],...},"configs":{...}}; first replica is the preferred leader
 * /brokers/topics/{t}/partitions/{p}/state       {"leader","leader_epoch","isr":[...],"controller_epoch"}; compare-and-set writes only
 * /brokers/topics/{t}/partitions                 parent of the partition znodes
 * /controller                                    Curator leader latch; each participant's id is its controller's base URL (http[s]://host:port)
 * /controller_epoch                              the controller epoch as decimal text, a fencing token
 * /cluster/id                                    the cluster id as text, written once by the first active controller
 * /admin/delete_topics/{t}                       a topic deletion in progress
 * /coordinators/members/{id}                     ephemeral: {"id","url"} of a live consumer coordinator
 * /coordinators/partitions/{p}                   ephemeral lease: {"id","url"} of the coordinator that owns __consumer_offsets partition p;
 *                                                its czxid is the owner's coordinator epoch for p
 * /acls/{TOPIC|GROUP|CLUSTER}/{LITERAL|PREFIXED}/{name}
 *                                                {"version":1,"acls":[{"principal","host","operation","permission"}]}:
 *                                                the ACLs of one resource pattern, written by gateways (the v3 ACL API)
 * </pre>
 *
 * <p>Topic names are checked with {@link TopicNames} before they become path segments.
 * Stateless and thread-safe.
 */
public final class ZkPaths {

    public static final String BROKER_IDS = "/brokers/ids";
    public static final String TOPICS = "/brokers/topics";
    public static final String CONTROLLER = "/controller";
    public static final String CONTROLLER_EPOCH = "/controller_epoch";
    public static final String DELETE_TOPICS = "/admin/delete_topics";
    public static final String COORDINATORS = "/coordinators";
    public static final String CLUSTER_ID = "/cluster/id";
    public static final String ACLS = "/acls";

    public static final String COORDINATOR_MEMBERS = COORDINATORS + "/members";
    public static final String COORDINATOR_PARTITIONS = COORDINATORS + "/partitions";

    private ZkPaths() {
    }

    public static String coordinatorMember(String id) {
        return COORDINATOR_MEMBERS + "/" + id;
    }

    public static String coordinatorLease(int partition) {
        return COORDINATOR_PARTITIONS + "/" + partition;
    }

    public static String broker(int brokerId) {
        return BROKER_IDS + "/" + brokerId;
    }

    public static String topic(String topic) {
        return TOPICS + "/" + checked(topic);
    }

    public static String partitions(String topic) {
        return topic(topic) + "/partitions";
    }

    public static String partitionState(String topic, int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        return partitions(topic) + "/" + partition + "/state";
    }

    public static String topicDeletion(String topic) {
        return DELETE_TOPICS + "/" + checked(topic);
    }

    private static String checked(String topic) {
        TopicNames.problem(topic).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return topic;
    }
}
