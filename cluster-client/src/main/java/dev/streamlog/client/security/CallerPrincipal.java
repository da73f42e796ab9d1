package dev.streamlog.client.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The header with which a gateway tells a coordinator whom it acts for on a consumer instance's route: the
 * principal its authentication named ({@code User:alice}; {@code User:ANONYMOUS} with authentication off),
 * percent-encoded as UTF-8 ({@link #encode}), since a name may hold any character and a header only Latin-1. The
 * coordinator ties each instance to the principal that created it and refuses the others. Only members of the
 * cluster reach that route (every call carries a {@link ClusterSignature}), and a gateway builds each internal call
 * anew, so no public client's header gets there. Stateless.
 */
public final class CallerPrincipal {

    public static final String HEADER = "Streamlog-Principal";
    /** The principal of a call that names none: as Kafka names an unauthenticated client. */
    public static final String ANONYMOUS = "User:ANONYMOUS";

    private CallerPrincipal() {
    }

    /** The {@link #HEADER} value naming {@code principal}. */
    public static String encode(String principal) {
        return URLEncoder.encode(principal, StandardCharsets.UTF_8);
    }

    /**
     * The principal a call's {@link #HEADER} value names, {@link #ANONYMOUS} for none; a value that is not
     * percent-encoding names the principal spelled so (it owns nothing another caller made).
     */
    public static String of(String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return header;
        }
    }
}
