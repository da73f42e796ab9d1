package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader of a body answered before it was read to its end: it reads nothing. Set on an async request just before
 * it completes, it tells the servlet container that the rest of the body is not wanted, so the container closes the
 * connection after the answer instead of reading and discarding the rest with blocking reads (up to 2 MiB, each read
 * waiting up to the connection timeout), which would let a client that trickles the rest hold a worker thread for
 * as long as it likes. Stateless.
 */
public enum UnreadBody implements ReadListener {
    INSTANCE;

    /**
     * Answers a request whose body is still (partly) on the connection with an error, on the container thread that
     * serves it: from an async cycle with this reader, so the container closes the connection after the answer
     * instead of reading the rest ({@link ErrorResponses#write}).
     */
    public static void refuse(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
                              ErrorCode code, String message) throws IOException {
        AsyncContext async = request.startAsync(request, response);
        request.getInputStream().setReadListener(INSTANCE);
        try {
            ErrorResponses.write(request, response, json, code, message);
        } finally {
            async.complete();
        }
    }

    @Override
    public void onDataAvailable() {
    }

    @Override
    public void onAllDataRead() {
    }

    @Override
    public void onError(Throwable failure) {
    }
}
