package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The headers browsers get from the gateway. */
class SecurityHeadersFilterTest {

    private final SecurityHeadersFilter filter = new SecurityHeadersFilter();

    private MockHttpServletResponse answer(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
        return response;
    }

    @Test
    void theConsoleGetsAPolicyThatForbidsFramingAndForeignContent() throws Exception {
        for (String path : List.of("/ui", "/ui/index.html", "/ui/console.js")) {
            MockHttpServletResponse response = answer(path);
            assertThat(response.getHeader("Content-Security-Policy")).as(path)
                    .isEqualTo(SecurityHeadersFilter.CONSOLE_POLICY).contains("frame-ancestors 'none'");
            assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
    }

    @Test
    void apiAnswersAreNeverSniffedAndCarryNoPagePolicy() throws Exception {
        for (String path : List.of("/topics", "/v3/clusters", "/uix", "/consumers/g/instances/i/records")) {
            MockHttpServletResponse response = answer(path);
            assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.getHeader("Content-Security-Policy")).as(path).isNull();
        }
    }
}
