package dev.streamlog.client.security;

/**
 * The header with which a gateway tells a coordinator whom it acts for on a consumer instance's route: the
 * principal its authentication named ({@code User:alice}; {@code User:ANONYMOUS} with authentication off). The
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

    /** The principal a call's {@link #HEADER} value names, {@link #ANONYMOUS} for none. */
    public static String of(String header) {
        return header == null || header.isBlank() ? ANONYMOUS : header;
    }
}
