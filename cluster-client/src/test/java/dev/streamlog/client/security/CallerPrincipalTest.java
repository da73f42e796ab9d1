package dev.streamlog.client.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class CallerPrincipalTest {

    @Test
    void anyNameTravelsInAHeaderAndComesBackTheSame() {
        for (String principal : new String[] {"User:alice", "User:Zoë Ångström", "User:名前", "User:a b%c+d",
                "User:CN=svc,O=acme"}) {
            String header = CallerPrincipal.encode(principal);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header(CallerPrincipal.HEADER,
                    header).build();
            assertThat(CallerPrincipal.of(request.headers().firstValue(CallerPrincipal.HEADER).orElseThrow()))
                    .isEqualTo(principal);
        }
    }

    @Test
    void aCallWithoutTheHeaderIsAnonymous() {
        assertThat(CallerPrincipal.of(null)).isEqualTo("User:ANONYMOUS");
        assertThat(CallerPrincipal.of(" ")).isEqualTo("User:ANONYMOUS");
        assertThat(CallerPrincipal.of("User:%zz")).as("not percent-encoding").isEqualTo("User:%zz");
    }
}
