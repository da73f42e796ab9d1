package dev.streamlog.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.fixtures.TestCertificates;
import dev.streamlog.client.fixtures.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.bcrypt.BCrypt;
import tools.jackson.databind.json.JsonMapper;

class PublicAuthenticationFilterTest {

    private static final TestIssuer ISSUER = new TestIssuer();

    @TempDir
    Path dir;

    private PublicAuthenticationFilter both;

    @BeforeEach
    void setUp() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("alice:" + BCrypt.hashpw("pw", BCrypt.gensalt(4))));
        Path key = dir.resolve("issuer.pem");
        Files.writeString(key, ISSUER.publicKeyPem());
        VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), Clock.systemUTC());
        both = new PublicAuthenticationFilter(new BasicAuthenticator(users, 2, verified),
                new BearerAuthenticator(BearerDecoders.from(new AuthenticationProperties.Bearer(key, null, null, null,
                        "sub", Duration.ofSeconds(5))), "sub", verified), null, JsonMapper.builder().build());
    }

    private record Outcome(MockHttpServletResponse response, MockHttpServletRequest request, MockFilterChain chain) {
        boolean passed() {
            return chain.getRequest() != null;
        }
    }

    private Outcome send(PublicAuthenticationFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(response, request, chain);
    }

    private static MockHttpServletRequest post(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/topics/t");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    @Test
    void aRequestWithoutCredentialsIsAnswered401WithBothChallengesAndNeverPasses() throws Exception {
        Outcome outcome = send(both, post(null));
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.response().getStatus()).isEqualTo(401);
        assertThat(outcome.response().getHeaders("WWW-Authenticate")).containsExactly(
                "Basic realm=\"streamlog\", charset=\"UTF-8\"", "Bearer realm=\"streamlog\"");
        assertThat(outcome.response().getContentAsString()).isEqualTo("{\"error_code\":40101,\"message\":\"this API"
                + " needs credentials: Basic credentials or a Bearer token\"}");
    }

    @Test
    void validBasicOrBearerCredentialsPassWithTheirPrincipal() throws Exception {
        Outcome basic = send(both, post("Basic " + Base64.getEncoder().encodeToString(
                "alice:pw".getBytes(StandardCharsets.UTF_8))));
        assertThat(basic.passed()).isTrue();
        assertThat(UserPrincipal.of(basic.request())).isEqualTo(new UserPrincipal("alice"));
        Outcome bearer = send(both, post("bearer " + ISSUER.token("svc-orders", Duration.ofMinutes(1))));
        assertThat(bearer.passed()).isTrue();
        assertThat(UserPrincipal.of(bearer.request()).getName()).isEqualTo("User:svc-orders");
    }

    @Test
    void aRefusedTokenGetsRfc6750sInvalidTokenWithAQuotableDescription() throws Exception {
        Outcome outcome = send(both, post("Bearer " + new TestIssuer().token("alice", Duration.ofMinutes(1))));
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.response().getHeaders("WWW-Authenticate")).hasSize(2);
        String challenge = outcome.response().getHeaders("WWW-Authenticate").get(1);
        assertThat(challenge).startsWith("Bearer realm=\"streamlog\", error=\"invalid_token\", error_description=\"");
        assertThat(challenge.substring(challenge.indexOf("error_description=\"") + 19, challenge.length() - 1))
                .doesNotContain("\"", "\\");
    }

    @Test
    void anotherSchemeIsRefusedNamingTheOnesTaken() throws Exception {
        Outcome outcome = send(both, post("Digest username=\"alice\""));
        assertThat(outcome.response().getStatus()).isEqualTo(401);
        assertThat(outcome.response().getContentAsString())
                .contains("the Authorization header's scheme is not taken here");
    }

    @Test
    void probesAndCorsPreflightsPassWithoutCredentialsButNothingElse() throws Exception {
        assertThat(send(both, new MockHttpServletRequest("GET", "/livez")).passed()).isTrue();
        assertThat(send(both, new MockHttpServletRequest("GET", "/readyz")).passed()).isTrue();
        assertThat(send(both, new MockHttpServletRequest("GET", "/readyz/../topics")).passed()).isFalse();
        MockHttpServletRequest postedProbe = new MockHttpServletRequest("POST", "/readyz");
        postedProbe.setContent(new byte[1000]);
        assertThat(send(both, postedProbe).passed()).as("a probe with a body").isFalse();
        assertThat(send(both, new MockHttpServletRequest("GET", "/actuator/health")).passed()).isFalse();
        assertThat(send(both, new MockHttpServletRequest("GET", "/actuator/prometheus")).passed()).isFalse();
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/topics/t");
        preflight.addHeader("Origin", "https://app.example");
        preflight.addHeader("Access-Control-Request-Method", "POST");
        assertThat(send(both, preflight).passed()).isTrue();
    }

    @Test
    void withAuthenticationOffEveryCallerIsAnonymous() throws Exception {
        Outcome outcome = send(new PublicAuthenticationFilter(null, null, null, JsonMapper.builder().build()),
                post("Basic garbage"));
        assertThat(outcome.passed()).isTrue();
        assertThat(UserPrincipal.of(outcome.request())).isEqualTo(UserPrincipal.ANONYMOUS);
        assertThat(UserPrincipal.ANONYMOUS.getName()).isEqualTo("User:ANONYMOUS");
    }

    @Test
    void aVerifiedClientCertificateNamesTheCallerByItsSubjectOrCommonName() throws Exception {
        TestCertificates authority = new TestCertificates("test-ca");
        X509Certificate[] chain = {authority.client("CN=alice,OU=Payments,O=Acme").certificate()};
        PublicAuthenticationFilter byDn = new PublicAuthenticationFilter(null, null,
                new CertificateAuthenticator(AuthenticationProperties.Mtls.PrincipalName.DN), JsonMapper.builder().build());
        MockHttpServletRequest withCertificate = post(null);
        withCertificate.setAttribute(PublicAuthenticationFilter.CERTIFICATES, chain);
        Outcome dn = send(byDn, withCertificate);
        assertThat(dn.passed()).isTrue();
        assertThat(UserPrincipal.of(dn.request()).getName()).isEqualTo("User:CN=alice,OU=Payments,O=Acme");

        PublicAuthenticationFilter byCn = new PublicAuthenticationFilter(null, null,
                new CertificateAuthenticator(AuthenticationProperties.Mtls.PrincipalName.CN), JsonMapper.builder().build());
        MockHttpServletRequest again = post(null);
        again.setAttribute(PublicAuthenticationFilter.CERTIFICATES, chain);
        assertThat(UserPrincipal.of(send(byCn, again).request()).getName()).isEqualTo("User:alice");

        Outcome without = send(byDn, post(null));
        assertThat(without.passed()).isFalse();
        assertThat(without.response().getStatus()).isEqualTo(401);
        assertThat(without.response().getContentAsString()).contains("a client certificate (TLS)");
        MockHttpServletRequest anonymous = post(null);
        anonymous.setAttribute(PublicAuthenticationFilter.CERTIFICATES,
                new X509Certificate[] {authority.client("CN=ANONYMOUS").certificate()});
        assertThat(send(byCn, anonymous).passed()).as("ANONYMOUS is no certificate's name").isFalse();
        MockHttpServletRequest twoNames = post(null);
        twoNames.setAttribute(PublicAuthenticationFilter.CERTIFICATES,
                new X509Certificate[] {authority.client("CN=alice+C=US,CN=acme-users").certificate()});
        assertThat(send(byCn, twoNames).passed()).as("a subject with two common names names nobody").isFalse();
    }

    @Test
    void quotableReplacesWhatAQuotedHeaderValueCannotHold() {
        assertThat(PublicAuthenticationFilter.quotable("a \"b\" \\c\nd é")).isEqualTo("a 'b' 'c'd '");
    }
}
