package dev.streamlog.gateway.produce;

import dev.streamlog.gateway.web.RequestMemory;
import jakarta.servlet.http.HttpServletRequest;
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
 * The v3 produce route, {@code POST /v3/clusters/{c}/topics/{t}/records}, also under the {@code /kafka} prefix
 * Confluent Server and Confluent Cloud use ({@code /kafka/v3/…}), with {@code ?acks=0|1|all} (default all).
 * Served by {@link RecordsProduceService}; answers asynchronously. Stateless.
 */
@RestController
class RecordsProduceController {

    private final RecordsProduceService produce;

    RecordsProduceController(RecordsProduceService produce) {
        this.produce = produce;
    }

    @PostMapping({"/v3/clusters/{cluster}/topics/{topic}/records", "/kafka/v3/clusters/{cluster}/topics/{topic}/records"})
    CompletableFuture<ResponseEntity<?>> produce(@PathVariable String cluster, @PathVariable String topic,
                                                 @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                                                 String contentType,
                                                 @RequestParam(required = false) String acks, InputStream body,
                                                 HttpServletRequest request) {
        return produce.produce(cluster, topic, contentType, acks, body, RequestMemory.of(request));
    }
}
