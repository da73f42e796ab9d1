package dev.streamlog.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.gateway.auth.UserPrincipal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Which requests the quota filter counts, however their paths are spelled, and what a refusal says. */
class QuotaFilterTest {

    private final AtomicLong now = new AtomicLong(1);
    private final Quotas quotas = new Quotas(new QuotaProperties(new QuotaProperties.Limits(1000L, 1000L, null),
            Map.of()), new SimpleMeterRegistry(), now::get);
    private final QuotaFilter filter = new QuotaFilter(quotas, JsonMapper.builder().build());

    private MockHttpServletResponse send(String method, String uri, int bodyBytes) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setContent(new byte[bodyBytes]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aProduceCountsHoweverItsPathIsSpelledAndAnOverdrawnCallerIsRefused() throws Exception {
        for (String uri : new String[] {"/topics/t", "/%74opics/t", "/topics;x/t", "/topics/t/partitions/0",
                "/v3/clusters/c/topics/t/records", "/v3/clusters/c/topics/t/records%3Abatch"}) {
            Quotas fresh = new Quotas(new QuotaProperties(new QuotaProperties.Limits(1000L, null, null), Map.of()),
                    new SimpleMeterRegistry(), now::get);
            MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
            request.setContent(new byte[3000]);
            new QuotaFilter(fresh, JsonMapper.builder().build()).doFilter(request, new MockHttpServletResponse(),
                    new MockFilterChain());
            assertThat(fresh.waitNanos(UserPrincipal.ANONYMOUS, QuotaType.PRODUCE)).as(uri).isPositive();
        }
        assertThat(send("POST", "/topics/t", 3000).getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = send("POST", "/topics/t", 10);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).as(refused.getContentAsString()).isEqualTo("3");
        assertThat(refused.getContentAsString()).contains("42901").contains("User:ANONYMOUS is over its produce quota");
        assertThat(send("GET", "/topics", 0).getStatus()).as("a metadata call counts against no byte quota")
                .isEqualTo(200);
        assertThat(send("GET", "/livez", 0).getStatus()).isEqualTo(200);
    }

    @Test
    void aFetchCountsTheBytesOfItsAnswer() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("HEAD", "/consumers/g/instances/i/%72ecords");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.getOutputStream().write(new byte[2500]);
            }
        }));
        assertThat(quotas.waitNanos(UserPrincipal.ANONYMOUS, QuotaType.FETCH)).isPositive();
    }
}
