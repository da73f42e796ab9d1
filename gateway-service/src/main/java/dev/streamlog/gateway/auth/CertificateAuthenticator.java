package dev.streamlog.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
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
                        "the client certificate's subject '" + subject + "' has not exactly one common name (CN)"));
        if (name.isEmpty() || name.equals(UserPrincipal.ANONYMOUS.name())) {
            throw AuthenticationFailure.unauthenticated("the client certificate names no caller this API takes");
        }
        return new UserPrincipal(name);
    }

    /** The subject's one common name, as text; empty when it has none, several, or one that is not text. */
    private static Optional<String> commonName(String subject) {
        try {
            List<String> names = new ArrayList<>();
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                Attribute cn = rdn.toAttributes().get("CN");
                if (cn != null) {
                    for (int i = 0; i < cn.size(); i++) {
                        if (!(cn.get(i) instanceof String name)) {
                            return Optional.empty();
                        }
                        names.add(name);
                    }
                }
            }
            return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
        } catch (NamingException e) {
            return Optional.empty();
        }
    }
}
