package dev.streamlog.storage;

import dev.streamlog.support.runtime.CommonPool;
import dev.streamlog.support.security.InternalListenerTls;
import dev.streamlog.support.security.InternalRoutesGuard;
import dev.streamlog.support.web.StrictJson;
import dev.streamlog.support.web.TomcatSocketBuffers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The storage node: hosts partition replicas on local disk with the log engine
 * ({@code dev.streamlog.storage.log}), registers itself in ZooKeeper, follows the topic
 * assignments there, and serves the internal append, read and offsets API for the partitions
 * it leads. Feature packages: {@code config} (properties, engine wiring), {@code cluster}
 * (ZooKeeper: registration, metadata, reconciling local logs), {@code partition} (which local
 * replica serves a request), {@code produce}, {@code fetch} and {@code web} (error mapping).
 * The class itself only starts Spring; it holds no state.
 */
@SpringBootApplication
@Import({StrictJson.class, TomcatSocketBuffers.class, InternalRoutesGuard.class,
        InternalListenerTls.class})
public class StorageApplication {

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(StorageApplication.class, args);
    }
}
