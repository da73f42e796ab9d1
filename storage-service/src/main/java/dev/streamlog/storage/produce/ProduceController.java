package dev.streamlog.storage.produce;

import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.storage.web.Requests;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /internal/v1/partitions/{topic}/{partition}/records}: the leader's append. Thread-safe (stateless). */
@RestController
class ProduceController {

    private final Appender appender;

    ProduceController(Appender appender) {
        this.appender = appender;
    }

    @PostMapping(path = "/internal/v1/partitions/{topic}/{partition}/records",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<AppendResponse> append(@PathVariable String topic, @PathVariable int partition,
                                             @RequestParam(defaultValue = "all") String acks,
                                             @RequestBody AppendRequest request) {
        return appender.append(Requests.topic(topic), partition, request, Requests.acks(acks));
    }
}
