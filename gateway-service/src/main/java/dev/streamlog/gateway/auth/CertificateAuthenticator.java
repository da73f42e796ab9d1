package dev.streamlog.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Names the caller from the client certificate its TLS handshake presented, which the servlet container has
 * already verified against the public listener's trust store (so this class checks no signature): the subject's
 * RFC 2253 name, as Kafka's default principal mapping, or its common name. A certificate without the part asked for,
 * or naming the caller {@code ANONYMOUS}, is refused. Stateless.
 */
final class CertificateAuthenticator {

    private final AuthenticationProperties.Mtls.PrincipalName principal;

    CertificateAuthenticator(AuthenticationProperties.Mtls.PrincipalName principal) {
        this.principal = principal;
    }

    /** The caller the chain's first (the client's own) certificate names. */
    UserPrincipal authenticate(X509Certificate[] chain) throws AuthenticationFailure {
        String subject = chain[0].getSubjectX500Principal().getName();
        String name = principal == AuthenticationProperties.Mtls.PrincipalName.DN ? subject
                : commonName(subject).orElseThrow(() -> AuthenticationFailure.unauthenticated(
                        "the client certificate's subject '" + subject + "' has no common name (CN)"));
        if (name.isEmpty() || name.equals(UserPrincipal.ANONYMOUS.name())) {
            throw AuthenticationFailure.unauthenticated("the client certificate names no caller this API takes");
        }
        return new UserPrincipal(name);
    }

    private static Optional<String> commonName(String subject) {
        try {
            // RFC 2253 lists the most specific part first; LdapName keeps them in reverse
            List<Rdn> rdns = new LdapName(subject).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdns.get(i).getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
