package dev.streamlog.support.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.client.security.ClusterSignature;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * For the slice tests of a service whose routes {@link InternalRoutesGuard} closes: every MockMvc request signed as
 * a member of the cluster signs it, with {@link TestClusterSignature}'s secret, which the test gives the context
 * ({@code @WebMvcTest(properties = "streamlog.cluster.secret=" + TestClusterSignature.SECRET)}). Take it with
 * {@code @Import(SignedRequests.class)}. Stateless.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SignedRequests {

    @Bean
    MockMvcBuilderCustomizer signedRequests() {
        return builder -> builder.defaultRequest(get("/").with(request -> {
            request.addHeader(ClusterSignature.HEADER, TestClusterSignature.sign(request.getMethod(),
                    request.getRequestURI(), request.getQueryString()));
            return request;
        }));
    }
}
