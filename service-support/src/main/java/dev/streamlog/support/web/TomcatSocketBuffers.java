package dev.streamlog.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Sizes the two buffers through which Tomcat reads and writes each connection's socket (its
 * {@code socket.appReadBufSize} and {@code socket.appWriteBufSize}, 8 KiB by default) from
 * {@code streamlog.http.socket-buffer} (default 64KB, from 8KB to 1MB). Tomcat writes a body larger than its buffer in
 * writes of the buffer's size: with 8 KiB, a 1 MiB read answer took 128 write calls, each one a pass through the
 * kernel's TCP stack, and a 100 KiB append body as many reads. Each open connection holds both buffers (heap), so a
 * service with many clients takes a smaller size. A service takes it with {@code @Import(TomcatSocketBuffers.class)}.
 * Stateless.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatSocketBuffers {

    private static final long SMALLEST = 8 << 10;
    private static final long LARGEST = 1 << 20;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatSocketBuffers(
            @Value("${streamlog.http.socket-buffer:64KB}") DataSize size) {
        if (size.toBytes() < SMALLEST || size.toBytes() > LARGEST) {
            throw new IllegalArgumentException("streamlog.http.socket-buffer must be 8KB to 1MB, not " + size);
        }
        String bytes = Long.toString(size.toBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", bytes);
            connector.setProperty("socket.appWriteBufSize", bytes);
        });
    }
}
