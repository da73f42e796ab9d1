package dev.streamlog.it.kit;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP answer: status, headers, body as text, and which request it answered (for
 * assertion messages).
 *
 * @param request "METHOD uri" of the request
 * @param status  the HTTP status code
 * @param headers the answer's headers
 * @param body    the body as text (empty when there was none)
 */
public record HttpResult(String request, int status, HttpHeaders headers, String body) {

    /** The body parsed as JSON; throws when it is not JSON. */
    public JsonNode json() {
        return Http.json().readTree(body);
    }

    @Override
    public String toString() {
        String shown = body.length() > 2000 ? body.substring(0, 2000) + "...(" + body.length() + " chars)" : body;
        return request + " -> " + status + " " + shown;
    }
}
