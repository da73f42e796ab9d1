package dev.streamlog.storage.produce;

import dev.streamlog.model.Acks;
import dev.streamlog.model.batch.AppendOutcomes;
import dev.streamlog.model.batch.PartitionAppends;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.storage.web.ApiExceptionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out a multi-partition append ({@link PartitionAppends}): each entry is appended by {@link Appender}, in the
 * request's order, on the calling thread, exactly as its single-partition append would be, and has its own outcome:
 * 200 with its offsets once its {@code acks} are met, or the error status and body its single append would have got
 * (a partition this node does not lead, too few in-sync replicas, a corrupt batch…). One entry's failure does not
 * touch the others. Thread-safe (stateless).
 */
@Component
public class PartitionAppendsAppender {

    private final Appender appender;
    private final JsonMapper json;

    public PartitionAppendsAppender(Appender appender, JsonMapper json) {
        this.appender = appender;
        this.json = json;
    }

    /** Appends every entry; completes (never exceptionally) when every entry has its outcome. */
    CompletableFuture<List<AppendOutcomes.Outcome>> append(List<PartitionAppends.Append> appends, Acks acks) {
        List<CompletableFuture<AppendOutcomes.Outcome>> outcomes = new ArrayList<>(appends.size());
        for (PartitionAppends.Append append : appends) {
            CompletableFuture<?> appended;
            try {
                appended = appender.appendBatches(append.partition().topic(), append.partition().partition(),
                        RecordBatches.split(append.batches()), acks);
            } catch (RuntimeException e) {
                appended = CompletableFuture.failedFuture(e);
            }
            outcomes.add(appended.handle((response, failure) -> failure == null
                    ? new AppendOutcomes.Outcome(200, json.writeValueAsBytes(response)) : outcome(failure)));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    private AppendOutcomes.Outcome outcome(Throwable failure) {
        ResponseEntity<Object> error = ApiExceptionHandler.toResponse(failure);
        return new AppendOutcomes.Outcome(error.getStatusCode().value(), json.writeValueAsBytes(error.getBody()));
    }
}
