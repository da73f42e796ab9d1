package dev.streamlog.controller.web;

import dev.streamlog.model.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page as JSON: requests Tomcat refuses before any servlet sees them
 * (an encoded slash or an invalid escape in the path, a malformed request line) get
 * {@code {"error_code":…,"message":…}} instead of an HTML page. Errors the application answered
 * itself are left alone. Stateless apart from Tomcat's valve plumbing; thread-safe.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ErrorCode.forHttpStatus(status);
        String body = "{\"error_code\":" + code.code() + ",\"message\":\"the server refused the request (HTTP "
                + status + ")\"}";
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
