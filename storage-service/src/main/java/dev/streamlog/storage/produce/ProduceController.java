package dev.streamlog.storage.produce;

import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.storage.web.AsyncAnswers;
import dev.streamlog.storage.web.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/partitions/{topic}/{partition}/records}: the leader's append, answered
 * ({@link AppendResponse}) by {@link AsyncAnswers} once the {@code acks} are met. Thread-safe
 * (stateless).
 */
@RestController
class ProduceController {

    private final Appender appender;
    private final AsyncAnswers answers;

    ProduceController(Appender appender, AsyncAnswers answers) {
        this.appender = appender;
        this.answers = answers;
    }

    @PostMapping(path = "/internal/v1/partitions/{topic}/{partition}/records",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    void append(@PathVariable String topic, @PathVariable int partition,
                @RequestParam(defaultValue = "all") String acks,
                @RequestBody AppendRequest body, HttpServletRequest request, HttpServletResponse response) {
        CompletableFuture<AppendResponse> appended = appender.append(Requests.topic(topic), partition, body,
                Requests.acks(acks));
        answers.json(request, response, appended);
    }
}
