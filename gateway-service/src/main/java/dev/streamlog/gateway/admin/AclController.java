package dev.streamlog.gateway.admin;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclBinding;
import dev.streamlog.gateway.acl.AclCache;
import dev.streamlog.gateway.acl.AclFilter;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclWrites;
import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.model.v3.AclData;
import dev.streamlog.model.v3.ResourceList;
import dev.streamlog.model.v3.ResourceMetadata;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Confluent's v3 ACL API, served by the gateway from the ACLs in ZooKeeper:
 * <ul>
 *   <li>{@code GET /v3/clusters/{c}/acls?resource_type=&resource_name=&pattern_type=&principal=&host=}
 *       {@code &operation=&permission=} searches (every parameter optional; {@code pattern_type=MATCH} with a name finds every ACL that applies to
 *       that name) → {@code KafkaAclList}; needs DESCRIBE on the cluster;</li>
 *   <li>{@code POST /v3/clusters/{c}/acls} creates one ACL → 201 with its URL in {@code Location};
 *       {@code POST …/acls:batch} {@code {"data":[…]}} creates several, all or none → 204; both need ALTER on
 *       the cluster (with ACLs not enforced: a super user);</li>
 *   <li>{@code DELETE /v3/clusters/{c}/acls?…} deletes every ACL the filter selects ({@code resource_type},
 *       {@code pattern_type}, {@code operation} and {@code permission} required) → {@code {"data":[…]}}, the ACLs
 *       deleted; needs the same.</li>
 * </ul>
 * Lists are sorted by resource type, name, pattern type, principal, host, operation and permission, as
 * Confluent's are. Answers asynchronously; stateless.
 */
@RestController
@RequestMapping("/v3/clusters/{clusterId}")
class AclController {

    private static final Comparator<AclBinding> ORDER = Comparator.comparing(AclBinding::resourceType)
            .thenComparing(AclBinding::resourceName).thenComparing(AclBinding::patternType)
            .thenComparing(AclBinding::principal).thenComparing(AclBinding::host)
            .thenComparing(AclBinding::operation).thenComparing(AclBinding::permission);

    private final AclCache cache;
    private final AclWrites writes;
    private final ClusterIdCheck clusterId;

    AclController(AclCache cache, AclWrites writes, ClusterIdCheck clusterId) {
        this.cache = cache;
        this.writes = writes;
        this.clusterId = clusterId;
    }

    @GetMapping("/acls")
    ResponseEntity<?> search(Access access, @PathVariable String clusterId,
                             @RequestParam Map<String, String> parameters) {
        this.clusterId.require(clusterId);
        access.requireOnCluster(AclOperation.DESCRIBE);
        AclRequests.Query query = AclRequests.Query.of(parameters);
        AclFilter filter = AclRequests.filter(query, false);
        String base = clusterUrl(clusterId);
        List<AclData> data = cache.acls().stream().filter(filter::matches).sorted(ORDER)
                .map(acl -> data(base, clusterId, acl)).toList();
        return ResponseEntity.ok(new ResourceList<>(AclData.LIST_KIND,
                new ResourceMetadata(base + "/acls?" + searchQuery(query, filter), null), data));
    }

    @PostMapping("/acls")
    CompletableFuture<ResponseEntity<?>> create(Access access, @PathVariable String clusterId,
                                                @RequestBody(required = false) JsonNode body) {
        this.clusterId.require(clusterId);
        access.requireAclAdministration();
        AclBinding acl = AclRequests.binding(body, "");
        String base = clusterUrl(clusterId);
        return writes.create(List.of(acl)).thenApply(done -> ResponseEntity.created(URI.create(self(base, acl)))
                .build());
    }

    @PostMapping("/acls:batch")
    CompletableFuture<ResponseEntity<?>> createBatch(Access access, @PathVariable String clusterId,
                                                     @RequestBody(required = false) JsonNode body) {
        this.clusterId.require(clusterId);
        access.requireAclAdministration();
        List<AclBinding> acls = AclRequests.batch(body);
        return writes.create(acls).thenApply(done -> ResponseEntity.noContent().build());
    }

    @DeleteMapping("/acls")
    CompletableFuture<ResponseEntity<?>> delete(Access access, @PathVariable String clusterId,
                                                @RequestParam Map<String, String> parameters) {
        this.clusterId.require(clusterId);
        access.requireAclAdministration();
        AclFilter filter = AclRequests.filter(AclRequests.Query.of(parameters), true);
        String base = clusterUrl(clusterId);
        return writes.delete(filter).thenApply(deleted -> ResponseEntity.ok(new AclData.Deleted(deleted.stream()
                .sorted(ORDER).map(acl -> data(base, clusterId, acl)).toList())));
    }

    private static AclData data(String base, String clusterId, AclBinding acl) {
        return new AclData(AclData.KIND, new ResourceMetadata(self(base, acl), null), clusterId,
                acl.resourceType().name(), acl.resourceName(), acl.patternType().name(), acl.principal(), acl.host(),
                acl.operation().name(), acl.permission().name());
    }

    /** The search that finds exactly {@code acl}, as Confluent's {@code self} of an ACL. */
    private static String self(String base, AclBinding acl) {
        return base + "/acls?resource_type=" + acl.resourceType() + "&resource_name=" + encode(acl.resourceName())
                + "&pattern_type=" + acl.patternType() + "&principal=" + encode(acl.principal())
                + "&host=" + encode(acl.host()) + "&operation=" + acl.operation()
                + "&permission=" + acl.permission();
    }

    /** The list's own query: all seven parameters in Confluent's order, enums upper case, strings as sent. */
    private static String searchQuery(AclRequests.Query query, AclFilter filter) {
        return "resource_type=" + (filter.resourceType() == null ? "ANY" : filter.resourceType())
                + "&resource_name=" + encode(query.resourceName()) + "&pattern_type=" + filter.patternFilter()
                + "&principal=" + encode(query.principal()) + "&host=" + encode(query.host())
                + "&operation=" + (filter.operation() == null ? "ANY" : filter.operation())
                + "&permission=" + (filter.permission() == null ? "ANY" : filter.permission());
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The cluster's v3 URL as the client called it (after {@code X-Forwarded-*} is applied). */
    private static String clusterUrl(String clusterId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/v3/clusters/{c}")
                .buildAndExpand(clusterId).encode().toUriString();
    }
}
