package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.mailgate.admin.metrics.MicrometerMailMetrics;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.StoreStatistics;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.spool.H2StoreStatistics;

/**
 * One Prometheus meter registry for the whole gateway, which any module may count into (through
 * {@link MailMetrics}); the admin API binds the JVM's and the store's meters when it starts.
 */
final class MetricsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(MeterRegistry.class).to(PrometheusMeterRegistry.class);
        bind(StoreStatistics.class).to(H2StoreStatistics.class);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Provides
    @Singleton
    MailMetrics mailMetrics(MeterRegistry registry, MailgateConfig config) {
        return new MicrometerMailMetrics(registry, config.webAdmin().metricsDestinations());
    }
}
