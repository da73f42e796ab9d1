package dev.streamlog.support.web;

import dev.streamlog.model.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Tomcat's last-resort error page as JSON: requests Tomcat refuses before any servlet sees them (an encoded slash
 * or backslash, a suspicious URI such as {@code %2e%2e}, an invalid escape) get {@code {"error_code":…,"message":…}}
 * instead of an HTML page; protocol faults Tomcat answers 501 or 505 are the client's and get 400/40001, and a
 * status without a code of its own (417 to an unknown {@code Expect}) is answered with the generic code of its
 * class and that code's status (400/40001), so status and code always agree. Errors the application answered itself are left alone. Tomcat creates it by class name.
 * Stateless apart from Tomcat's valve plumbing; thread-safe.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    /**
     * What Tomcat answers a request it cannot take at the protocol level with: 501 (an unknown method such as
     * {@code CONNECT}, an unknown {@code Transfer-Encoding}) and 505 (an HTTP version other than 1.x). Those are
     * the client's faults, so they are answered 400/40001 instead; a 5xx would say the server failed.
     */
    private static final Set<Integer> CLIENT_PROTOCOL_FAULTS = Set.of(501, 505);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String reason = response.getMessage();
        if (CLIENT_PROTOCOL_FAULTS.contains(status) && !response.isCommitted()) {
            reason = "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason)
                    + ": the request uses a method, transfer coding or HTTP version this server does not take";
            status = 400;
            response.setStatus(status);
        }
        ErrorCode code = ErrorCode.forHttpStatus(status);
        if (code.httpStatus() != status && !response.isCommitted()) {
            reason = "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason);
            status = code.httpStatus();
            response.setStatus(status);
        }
        String message = "the server refused the request (HTTP " + status + ")"
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        String body = "{\"error_code\":" + code.code() + ",\"message\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsCharArray(message)) + "\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            container.getLogger().debug("Could not write the JSON error report", e);
        }
    }
}
