package dev.streamlog.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.security.ClusterTls;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;

class ClusterTlsConfigurationTest {

    private final ClusterTlsConfiguration configuration = new ClusterTlsConfiguration();
    private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();

    @Test
    void noBundleMeansPlainHttp() {
        ObjectProvider<SslBundles> none = new StaticListableBeanFactory().getBeanProvider(SslBundles.class);
        assertThat(configuration.clusterTls(new ClusterTlsProperties(null, true), none)).isSameAs(ClusterTls.PLAIN);
        assertThat(configuration.clusterTls(new ClusterTlsProperties(" ", true), none)).isSameAs(ClusterTls.PLAIN);
    }

    @Test
    void aBundleWithTheClustersCaTurnsTlsOn() throws Exception {
        bundles.registerBundle("cluster", SslBundle.of(SslStoreBundle.of(null, null, emptyStore())));
        for (boolean verifyHostname : new boolean[] {true, false}) {
            ClusterTls tls = ClusterTlsConfiguration.tls(new ClusterTlsProperties("cluster", verifyHostname), bundles);
            assertThat(tls.enabled()).isTrue();
            assertThat(tls.scheme()).isEqualTo("https");
        }
    }

    @Test
    void aMissingBundleOrOneWithoutATrustStoreIsRefusedByName() {
        assertThatThrownBy(() -> ClusterTlsConfiguration.tls(new ClusterTlsProperties("nope", true), bundles))
                .hasMessageContaining("streamlog.cluster.tls.bundle names the SSL bundle 'nope'")
                .hasMessageContaining("spring.ssl.bundle.pem.nope.*");
        bundles.registerBundle("keys-only", SslBundle.of(SslStoreBundle.NONE));
        assertThatThrownBy(() -> ClusterTlsConfiguration.tls(new ClusterTlsProperties("keys-only", true), bundles))
                .hasMessageContaining("has no trust store")
                .hasMessageContaining("spring.ssl.bundle.pem.keys-only.truststore.certificate");
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
