package dev.streamlog.storage.replica;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler replication runs its timed work on: followers' retries after a backoff and the
 * leader's periodic ISR check. A daemon thread, stopped with the context. (Fetches run on
 * {@link ReplicaClient}'s thread per leader, made with {@link #daemon}.)
 */
@Configuration(proxyBeanMethods = false)
class ReplicationExecutors {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService replicationScheduler() {
        return Executors.newSingleThreadScheduledExecutor(daemon("replication-scheduler"));
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ... */
    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
