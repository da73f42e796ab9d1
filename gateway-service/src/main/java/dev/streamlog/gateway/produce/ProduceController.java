package dev.streamlog.gateway.produce;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.web.GatewayAnswers;
import dev.streamlog.gateway.web.RequestMemory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The v2 produce routes: {@code POST /topics/{t}} (the partitioner chooses) and
 * {@code POST /topics/{t}/partitions/{p}}, each with {@code ?acks=0|1|all} (default all). The body (read whole by
 * the body filter) is parsed by the service, which picks the format from {@code Content-Type} and charges the
 * request's share of the request memory. Needs WRITE on the topic. Answers asynchronously, straight from the
 * future ({@link GatewayAnswers}). Stateless.
 */
@RestController
class ProduceController {

    private final ProduceService produce;
    private final GatewayAnswers answers;

    ProduceController(ProduceService produce, GatewayAnswers answers) {
        this.produce = produce;
        this.answers = answers;
    }

    @PostMapping("/topics/{topic}")
    void produce(Access access, @PathVariable String topic,
                 @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                 @RequestParam(required = false) String acks, InputStream body, HttpServletRequest request,
                 HttpServletResponse response) {
        access.requireTopic(AclOperation.WRITE, topic);
        answers.entity(request, response,
                produce.produce(topic, null, contentType, acks, body, RequestMemory.of(request)));
    }

    @PostMapping("/topics/{topic}/partitions/{partition}")
    void produceToPartition(Access access, @PathVariable String topic, @PathVariable int partition,
                            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                            @RequestParam(required = false) String acks, InputStream body,
                            HttpServletRequest request, HttpServletResponse response) {
        access.requireTopic(AclOperation.WRITE, topic);
        answers.entity(request, response,
                produce.produce(topic, partition, contentType, acks, body, RequestMemory.of(request)));
    }
}
