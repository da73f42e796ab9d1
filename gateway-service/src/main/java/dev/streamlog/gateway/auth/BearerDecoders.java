package dev.streamlog.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Builds the {@link NimbusJwtDecoder} that {@link BearerAuthenticator} uses, from
 * {@link AuthenticationProperties.Bearer}: keyed by a PEM RSA public key (tokens signed RS256), or by the issuer's
 * JWKS endpoint (RSA, RSA-PSS and EC signatures; keys fetched with bounded timeouts and cached by Nimbus); checking
 * that every token has an {@code exp}, {@code exp} and {@code nbf} (60 s of clock skew), and {@code iss} and
 * {@code aud} when configured. Stateless.
 */
final class BearerDecoders {

    private BearerDecoders() {
    }

    static NimbusJwtDecoder from(AuthenticationProperties.Bearer bearer) {
        NimbusJwtDecoder decoder;
        if (bearer.publicKeyFile() != null) {
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(bearer)).build();
        } else {
            SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
            requests.setConnectTimeout(bearer.timeout());
            requests.setReadTimeout(bearer.timeout());
            decoder = NimbusJwtDecoder.withJwkSetUri(bearer.jwkSetUri().toString())
                    .restOperations(new RestTemplate(requests))
                    .jwsAlgorithms(algorithms -> algorithms.addAll(EnumSet.allOf(SignatureAlgorithm.class)))
                    .build();
        }
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        if (bearer.issuer() != null) {
            checks.add(new JwtIssuerValidator(bearer.issuer()));
        }
        if (bearer.audience() != null) {
            checks.add(new JwtAudienceValidator(bearer.audience()));
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(checks));
        return decoder;
    }

    private static RSAPublicKey readPublicKey(AuthenticationProperties.Bearer bearer) {
        String where = "streamlog.gateway.auth.bearer.public-key-file " + bearer.publicKeyFile();
        try {
            String pem = Files.readString(bearer.publicKeyFile(), StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
                throw new IllegalStateException(where + ": not a PEM public key (-----BEGIN PUBLIC KEY-----)");
            }
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot read it: " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(where + ": not an RSA public key", e);
        }
    }
}
