package dev.streamlog.storage.metrics;

import dev.streamlog.support.runtime.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps the storage meters' per-partition rows current: {@link StorageMetrics#refresh()} every 5 s. Stateless. */
@Configuration(proxyBeanMethods = false)
class MetricsRefreshConfiguration {

    @Bean
    PeriodicTask storageMetricsRefresh(StorageMetrics metrics) {
        return new PeriodicTask("storage-metrics", StorageMetrics.REFRESH, metrics::refresh);
    }
}
