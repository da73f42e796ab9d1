package dev.streamlog.support.web;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}): errors that never reach a handler still answer
 * {@code {"error_code","message"}}. Asked for directly, {@code /error} is an unknown route (404/404). Replaces
 * Spring Boot's whitelabel error controller; registered by {@link JsonErrorPages}. Stateless.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 404;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String text = message instanceof String value && !value.isBlank() ? value : "request failed with status " + code;
        ErrorCode errorCode = ErrorCode.forHttpStatus(code);
        return ResponseEntity.status(errorCode.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(errorCode.response(text));
    }
}
