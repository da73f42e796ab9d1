package dev.streamlog.coordinator.offsets;

import dev.streamlog.client.controller.ControllerLocator;
import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.OffsetsTopic;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.internal.ReplicationFactorRequest;
import dev.streamlog.model.v3.ConfigEntry;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates {@code __consumer_offsets} through the active controller's internal route when the
 * cluster has no such topic: the configured partition count, the configured replication factor,
 * and {@code retention.ms=-1} (committed offsets must not age out; there is no compaction yet).
 * As Kafka does with {@code offsets.topic.replication.factor}, the topic is not created until at
 * least that many storage nodes are registered (never with fewer replicas: every group's offsets
 * would live on too few nodes for good); until then nobody owns a group and group calls answer
 * 503 (retriable). An answer that the topic exists (409) is success: another coordinator was first.
 * An existing topic with fewer replicas than that is grown to it ({@link #ensureReplicated}).
 * Blocking, with the controller timeout; called from the ownership thread. Thread-safe.
 */
public final class OffsetsTopicCreator {

    private static final Logger log = LoggerFactory.getLogger(OffsetsTopicCreator.class);
    /** How long after asking the controller to grow the topic it is asked again, if it still has to. */
    static final Duration GROW_RETRY = Duration.ofSeconds(30);

    private final ClusterMetadata metadata;
    private final ControllerLocator controllers;
    private final HttpClient http;
    private final ClusterSignature signature;
    private final JsonMapper json;
    private final int partitions;
    private final int replicationFactor;
    private final Duration timeout;
    /** What the last check was waiting for (logged when it changes); only the ownership thread touches it. */
    private String lastWait;
    /** When the controller was last asked to grow the topic ({@link System#nanoTime()}), or 0. */
    private long lastGrowAsked;

    public OffsetsTopicCreator(ClusterMetadata metadata, ControllerLocator controllers, HttpClient http,
                               ClusterSignature signature, JsonMapper json, int partitions, int replicationFactor,
                               Duration timeout) {
        this.metadata = metadata;
        this.controllers = controllers;
        this.http = http;
        this.signature = signature;
        this.json = json;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /**
     * Grows an existing topic that has fewer replicas per partition than the configured replication factor (a
     * cluster started with fewer storage nodes, or by a build that lowered the factor), through the active
     * controller's internal route, once that many storage nodes are registered; asks again at most every
     * {@link #GROW_RETRY}. Until then it warns (when what it waits for changes).
     */
    public void ensureReplicated(TopicView topic) throws InterruptedException {
        int fewest = Integer.MAX_VALUE;
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            fewest = Math.min(fewest, topic.assignment().replicas(partition).size());
        }
        if (fewest >= replicationFactor) {
            return;
        }
        int brokers = metadata.snapshot().brokers().size();
        Optional<String> controller = controllers.activeController();
        if (brokers < replicationFactor || controller.isEmpty()) {
            String waitingFor = OffsetsTopic.NAME + " has partitions with " + fewest + " replicas, fewer than its"
                    + " replication factor " + replicationFactor + "; it grows once " + (brokers < replicationFactor
                    ? replicationFactor + " storage nodes are registered (" + brokers + " now)"
                    : "an active controller is known");
            if (!waitingFor.equals(lastWait)) {
                log.warn(waitingFor);
                lastWait = waitingFor;
            }
            return;
        }
        if (lastGrowAsked != 0 && System.nanoTime() - lastGrowAsked < GROW_RETRY.toNanos()) {
            return;
        }
        lastGrowAsked = System.nanoTime();
        HttpRequest post = signature.newRequest("POST", URI.create(controller.get() + "/internal/v1/topics/"
                        + OffsetsTopic.NAME + "/replication-factor"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
                        new ReplicationFactorRequest(replicationFactor))))
                .build();
        try {
            HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                log.info("Grew {} from {} to {} replicas per partition", OffsetsTopic.NAME, fewest, replicationFactor);
            } else {
                log.warn("The controller did not grow {}: HTTP {} {}", OffsetsTopic.NAME, answer.statusCode(),
                        answer.body());
            }
        } catch (IOException e) {
            log.warn("Could not ask the controller at {} to grow {}: {}", controller.get(), OffsetsTopic.NAME,
                    e.toString());
        }
    }

    /** Asks the active controller to create the topic unless the metadata already shows it. */
    public void ensureExists() throws InterruptedException {
        if (metadata.snapshot().topic(OffsetsTopic.NAME).isPresent()) {
            return;
        }
        int brokers = metadata.snapshot().brokers().size();
        Optional<String> controller = controllers.activeController();
        if (brokers < replicationFactor || controller.isEmpty()) {
            String waitingFor = brokers < replicationFactor
                    ? replicationFactor + " storage nodes for its replication factor (streamlog.coordinator."
                            + "offsets-topic-replication-factor), " + brokers + " registered"
                    : "an active controller";
            if (!waitingFor.equals(lastWait)) {
                log.info("{} does not exist yet; waiting for {}", OffsetsTopic.NAME, waitingFor);
                lastWait = waitingFor;
            }
            return;
        }
        CreateTopicRequest request = new CreateTopicRequest(OffsetsTopic.NAME, partitions, replicationFactor,
                List.of(new ConfigEntry(TopicConfigs.RETENTION_MS, "-1")));
        HttpRequest post = signature.newRequest("POST", URI.create(controller.get() + "/internal/v1/topics"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                .build();
        try {
            HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
                log.info("Created {} with {} partitions, replication factor {}", OffsetsTopic.NAME, partitions,
                        request.replicationFactor());
            } else if (answer.statusCode() == 503) {
                log.info("The controller cannot create {} yet ({}); will ask again", OffsetsTopic.NAME, answer.body());
            } else if (answer.statusCode() != 409) {
                log.warn("The controller refused to create {}: HTTP {} {}", OffsetsTopic.NAME, answer.statusCode(),
                        answer.body());
            }
        } catch (IOException e) {
            log.warn("Could not ask the controller at {} to create {}: {}", controller.get(), OffsetsTopic.NAME,
                    e.toString());
        }
    }
}
