package dev.streamlog.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller of a public request, named as Kafka names principals: {@code User:<name>}, where the name is the Basic
 * user name or the bearer token's principal claim. Not a {@code java.security.Principal}, which Spring MVC would
 * resolve from the servlet request (where it is null) before any argument resolver of ours could. Immutable.
 *
 * @param name the name without the {@code User:} type
 */
public record UserPrincipal(String name) {

    /** The caller of every request when authentication is off. */
    public static final UserPrincipal ANONYMOUS = new UserPrincipal("ANONYMOUS");

    private static final String ATTRIBUTE = UserPrincipal.class.getName();

    /** {@code User:<name>}. */
    public String getName() {
        return "User:" + name;
    }

    @Override
    public String toString() {
        return getName();
    }

    /** The caller of {@code request}, as authentication left it ({@link #ANONYMOUS} if it did not run). */
    public static UserPrincipal of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof UserPrincipal principal ? principal : ANONYMOUS;
    }

    /** Records this as the caller of {@code request}. */
    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
