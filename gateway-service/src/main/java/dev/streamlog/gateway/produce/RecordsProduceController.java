package dev.streamlog.gateway.produce;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.quota.QuotaType;
import dev.streamlog.gateway.quota.Quotas;
import dev.streamlog.gateway.web.RequestMemory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The v3 produce route, {@code POST /v3/clusters/{c}/topics/{t}/records} (also under the {@code /kafka} prefix,
 * which {@link dev.streamlog.gateway.web.CanonicalPathFilter} removes), with {@code ?acks=0|1|all} (default all). A body
 * with a {@code Content-Length} is produced whole by {@link RecordsProduceService}; a chunked one is a stream
 * ({@link ProduceStreams}), answered while it comes. {@code …/records:batch} takes Confluent's batch body, answered
 * 207. Each needs WRITE on the topic. A stream's bytes count against the caller's produce quota as they are read,
 * and reading pauses while the caller is over it (the quota filter counts a whole body's). All answer asynchronously. Stateless.
 */
@RestController
class RecordsProduceController {

    private static final String ROUTE = "/v3/clusters/{cluster}/topics/{topic}/records";

    private final RecordsProduceService produce;
    private final ProduceStreams streams;
    private final Quotas quotas;

    RecordsProduceController(RecordsProduceService produce, ProduceStreams streams, Quotas quotas) {
        this.produce = produce;
        this.streams = streams;
        this.quotas = quotas;
    }

    /** A body with a {@code Content-Length}: read whole by the body filter, then produced. */
    @PostMapping(path = ROUTE, headers = HttpHeaders.CONTENT_LENGTH)
    CompletableFuture<ResponseEntity<?>> produce(Access access, @PathVariable String cluster,
                                                 @PathVariable String topic,
                                                 @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                                                 String contentType,
                                                 @RequestParam(required = false) String acks, InputStream body,
                                                 HttpServletRequest request) {
        access.requireTopic(AclOperation.WRITE, topic);
        return produce.produce(cluster, topic, contentType, acks, body, RequestMemory.of(request));
    }

    /** A batch: {@code {"entries":[…]}}, answered 207 with each entry's outcome. */
    @PostMapping(ROUTE + ":batch")
    CompletableFuture<ResponseEntity<?>> produceBatch(Access access, @PathVariable String cluster,
                                                      @PathVariable String topic,
                                                      @RequestHeader(value = HttpHeaders.CONTENT_TYPE,
                                                              required = false) String contentType,
                                                      @RequestParam(required = false) String acks, InputStream body,
                                                      HttpServletRequest request) {
        access.requireTopic(AclOperation.WRITE, topic);
        return produce.produceBatch(cluster, topic, contentType, acks, body, RequestMemory.of(request));
    }

    /** A body without a {@code Content-Length} (chunked): streamed, its reports written while it comes. */
    @PostMapping(path = ROUTE, headers = "!" + HttpHeaders.CONTENT_LENGTH)
    void stream(Access access, @PathVariable String cluster, @PathVariable String topic,
                @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                @RequestParam(required = false) String acks, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        access.requireTopic(AclOperation.WRITE, topic);
        streams.start(cluster, topic, contentType, acks, request, response,
                bytes -> quotas.use(access.caller(), QuotaType.PRODUCE, bytes));
    }
}
