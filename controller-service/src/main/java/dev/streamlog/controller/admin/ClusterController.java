package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.v3.BrokerData;
import dev.streamlog.model.v3.ClusterData;
import dev.streamlog.model.v3.ResourceList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v3/clusters[/{c}[/brokers[/{id}]]]}: the one cluster and its live brokers. Stateless; thread-safe. */
@RestController
@RequestMapping("/v3/clusters")
class ClusterController {

    private final TopicAdmin admin;

    ClusterController(TopicAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    ResourceList<ClusterData> clusters() {
        V3Views views = V3Views.forCurrentRequest(admin.image().clusterId());
        return new ResourceList<>(ClusterData.LIST_KIND, views.listMetadata(views.clustersUrl()),
                List.of(views.cluster()));
    }

    @GetMapping("/{clusterId}")
    ClusterData cluster(@PathVariable String clusterId) {
        admin.cluster(clusterId);
        return V3Views.forCurrentRequest(clusterId).cluster();
    }

    @GetMapping("/{clusterId}/brokers")
    ResourceList<BrokerData> brokers(@PathVariable String clusterId) {
        ClusterImage image = admin.cluster(clusterId);
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(BrokerData.LIST_KIND, views.listMetadata(views.brokersUrl()),
                image.brokers().entrySet().stream()
                        .map(entry -> views.broker(entry.getKey(), entry.getValue()))
                        .toList());
    }

    @GetMapping("/{clusterId}/brokers/{brokerId}")
    BrokerData broker(@PathVariable String clusterId, @PathVariable int brokerId) {
        BrokerRegistration registration = admin.cluster(clusterId).brokers().get(brokerId);
        if (registration == null) {
            throw new AdminException(ErrorCode.NOT_FOUND, "Broker " + brokerId + " not found");
        }
        return V3Views.forCurrentRequest(clusterId).broker(brokerId, registration);
    }
}
