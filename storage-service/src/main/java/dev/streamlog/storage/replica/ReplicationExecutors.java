package dev.streamlog.storage.replica;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads replication runs on: a small pool that completes follower requests (appending
 * what a fetch brought, then sending the next), and one scheduler for retries after a backoff
 * and the leader's periodic ISR check. Daemon threads, stopped with the context.
 */
@Configuration(proxyBeanMethods = false)
class ReplicationExecutors {

    private static final int FETCH_THREADS = 2;

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService replicaFetchExecutor() {
        return Executors.newFixedThreadPool(FETCH_THREADS, daemon("replica-fetcher"));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService replicationScheduler() {
        return Executors.newSingleThreadScheduledExecutor(daemon("replication-scheduler"));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
