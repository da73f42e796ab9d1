package dev.streamlog.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.security.ClusterSignature;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guard's filter in front of a chain that records whether the request got through. */
class InternalRoutesGuardTest {

    private final ClusterSignature signature = new ClusterSignature("0123456789abcdef0123456789abcdef",
            Duration.ofSeconds(30), Clock.systemUTC());
    private final InternalRoutesGuard.SignatureFilter filter = new InternalRoutesGuard.SignatureFilter(signature);

    @Test
    void aSignedRequestGoesThroughWithItsQuery() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/v1/appends");
        request.setQueryString("acks=all");
        request.addHeader(ClusterSignature.HEADER, signature.sign("POST", "/internal/v1/appends", "acks=all"));
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void anUnsignedRequestIsAnswered401With40101AndGoesNoFurther() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/v1/leader-and-isr");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo(ClusterSignature.HEADER);
        assertThat(response.getContentAsString()).contains("\"error_code\":40101")
                .contains("carries no Streamlog-Signature header");
    }

    @Test
    void aSignatureForAnotherQueryIsRefused() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/v1/appends");
        request.setQueryString("acks=0");
        request.addHeader(ClusterSignature.HEADER, signature.sign("POST", "/internal/v1/appends", "acks=all"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getContentAsString()).contains("does not match this cluster's secret");
    }

    @Test
    void actuatorRoutesAndTheProbesNeedNoSignature() throws Exception {
        for (String path : new String[] {"/actuator/health", "/livez", "/readyz"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
            request.setServletPath(path);
            MockFilterChain chain = new MockFilterChain();

            filter.doFilter(request, new MockHttpServletResponse(), chain);

            assertThat(chain.getRequest()).as(path).isSameAs(request);
        }
    }

    @Test
    void aPathThatOnlyLooksLikeAnActuatorOneNeedsASignature() throws Exception {
        MockHttpServletRequest dotted = new MockHttpServletRequest("POST", "/actuator/../internal/v1/leader-and-isr");
        dotted.setServletPath("/internal/v1/leader-and-isr");
        MockHttpServletRequest prefixed = new MockHttpServletRequest("GET", "/actuator/v3/clusters");
        prefixed.setServletPath("/v3/clusters");
        MockHttpServletRequest probeDotted = new MockHttpServletRequest("GET", "/readyz/../internal/v1/groups");
        probeDotted.setServletPath("/internal/v1/groups");

        for (MockHttpServletRequest request : new MockHttpServletRequest[] {dotted, prefixed, probeDotted}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(request, response, chain);
            assertThat(chain.getRequest()).as(request.getRequestURI()).isNull();
            assertThat(response.getStatus()).isEqualTo(401);
        }
    }
}
