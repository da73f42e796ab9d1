package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires authorization from {@link AuthorizationProperties}: the ACL cache watching ZooKeeper (always, so the ACL API
 * works before enforcement is turned on), the writes behind the ACL API and the {@link Authorizer} that the
 * {@link Access} handler argument asks. Logs at start whether ACLs are enforced and who the super users are. Stateless.
 */
@Configuration(proxyBeanMethods = false)
class AclConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AclConfiguration.class);

    @Bean(destroyMethod = "close")
    AclCache aclCache(CuratorFramework curator, ZookeeperLayoutProperties layout, JsonMapper json) {
        AclCache cache = new AclCache(curator.usingNamespace(layout.chroot()), json);
        cache.start();
        return cache;
    }

    @Bean(destroyMethod = "close")
    AclWrites aclWrites(CuratorFramework curator, ZookeeperLayoutProperties layout, JsonMapper json, AclCache cache,
                        GatewayProperties properties) {
        return new AclWrites(curator.usingNamespace(layout.chroot()), json, cache, properties.controllerTimeout());
    }

    @Bean
    Authorizer authorizer(AuthorizationProperties properties, AclCache cache) {
        LOG.info("event=authorization acls={} super-users={} allow-everyone-if-no-acl-found={}",
                properties.enabled() ? "enforced" : "off", properties.superUserList(),
                properties.allowEveryoneIfNoAclFound());
        return new Authorizer(properties, cache);
    }
}
