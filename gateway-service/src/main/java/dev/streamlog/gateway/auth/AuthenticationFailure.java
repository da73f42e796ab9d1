package dev.streamlog.gateway.auth;

import dev.streamlog.model.ErrorCode;

/**
 * Why a request's credentials were not taken: the error code to answer with (401/40101 for wrong or missing
 * credentials; 429/42901 or 503/50003 when they could not be checked now) and a message for the client that names
 * what was wrong without echoing any secret. Carries no stack trace (it is an answer, not a bug). Immutable.
 */
final class AuthenticationFailure extends Exception {

    private final ErrorCode code;

    AuthenticationFailure(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Wrong or missing credentials. */
    static AuthenticationFailure unauthenticated(String message) {
        return new AuthenticationFailure(ErrorCode.NOT_AUTHENTICATED, message);
    }

    ErrorCode code() {
        return code;
    }
}
