package dev.streamlog.controller.leadership;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.controller.metadata.PartitionChange;
import dev.streamlog.controller.metadata.PartitionStatesListener;
import dev.streamlog.controller.zookeeper.BrokerWatcher;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.internal.LeaderAndIsrRequest;
import dev.streamlog.model.internal.PartitionLeadership;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells storage nodes about partition states the controller has written: to every live broker
 * holding a replica of a changed partition, {@code POST {baseUrl}/internal/v1/leader-and-isr} with a
 * {@link LeaderAndIsrRequest} of only the partitions it holds. Sent asynchronously with the JDK
 * {@link HttpClient} (connect and request timeout {@code requestTimeout}), never retried: storage
 * nodes also watch the state znodes, the push only lets them learn sooner. Failures and non-2xx
 * answers are logged at WARN; a 409 {@code FENCED} (40904) means the node has seen a newer
 * controller epoch. Thread-safe.
 */
public class LeaderAndIsrSender implements PartitionStatesListener {

    /** The storage node's route, under its base URL. */
    public static final String PATH = "/internal/v1/leader-and-isr";

    private static final Logger log = LoggerFactory.getLogger(LeaderAndIsrSender.class);

    private final BrokerWatcher brokers;
    private final ClusterSignature signature;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param brokers        the live storage nodes
     * @param signature      signs each push as a call from a member of the cluster
     * @param client         sends the pushes (with the cluster's TLS, if on, and a connect timeout)
     * @param requestTimeout each push's bound
     */
    public LeaderAndIsrSender(BrokerWatcher brokers, ClusterSignature signature, HttpClient client,
                              Duration requestTimeout) {
        this.brokers = brokers;
        this.signature = signature;
        this.requestTimeout = requestTimeout;
        this.client = client;
    }

    @Override
    public void statesWritten(int controllerEpoch, List<PartitionChange> changes) {
        SortedMap<Integer, BrokerRegistration> live = brokers.live();
        for (Map.Entry<Integer, List<PartitionLeadership>> entry : byBroker(changes, live).entrySet()) {
            send(entry.getKey(), live.get(entry.getKey()), new LeaderAndIsrRequest(controllerEpoch, entry.getValue()));
        }
    }

    /** For each live broker, the changed partitions it holds a replica of. */
    static SortedMap<Integer, List<PartitionLeadership>> byBroker(List<PartitionChange> changes,
                                                                   Map<Integer, BrokerRegistration> live) {
        SortedMap<Integer, List<PartitionLeadership>> byBroker = new TreeMap<>();
        for (PartitionChange change : changes) {
            PartitionLeadership leadership = new PartitionLeadership(change.topic(), change.partition(),
                    change.replicas(), change.state(), change.zkVersion());
            for (int replica : change.replicas()) {
                if (live.containsKey(replica)) {
                    byBroker.computeIfAbsent(replica, id -> new ArrayList<>()).add(leadership);
                }
            }
        }
        return byBroker;
    }

    private void send(int brokerId, BrokerRegistration broker, LeaderAndIsrRequest request) {
        HttpRequest http;
        try {
            http = signature.newRequest("POST", URI.create(broker.baseUrl() + PATH))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                    .build();
        } catch (IllegalArgumentException e) {
            log.warn("event=leader_and_isr_failed broker={} error=\"bad broker address: {}\"", brokerId, e.getMessage());
            return;
        }
        client.sendAsync(http, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                log.warn("event=leader_and_isr_failed broker={} url={} controller_epoch={} partitions={} error=\"{}\"",
                        brokerId, http.uri(), request.controllerEpoch(), request.partitions().size(), error.toString());
            } else if (response.statusCode() / 100 == 2) {
                log.debug("event=leader_and_isr_sent broker={} controller_epoch={} partitions={}",
                        brokerId, request.controllerEpoch(), request.partitions().size());
            } else if (response.statusCode() == ErrorCode.FENCED.httpStatus()
                    && errorCode(response.body()) == ErrorCode.FENCED.code()) {
                log.warn("event=leader_and_isr_fenced broker={} controller_epoch={} "
                        + "note=\"the storage node has seen a newer controller epoch\"",
                        brokerId, request.controllerEpoch());
            } else {
                log.warn("event=leader_and_isr_refused broker={} controller_epoch={} status={} body=\"{}\"",
                        brokerId, request.controllerEpoch(), response.statusCode(), response.body());
            }
        });
    }

    private int errorCode(String body) {
        try {
            return json.readTree(body).path("error_code").asInt(0);
        } catch (JacksonException e) {
            return 0;
        }
    }
}
