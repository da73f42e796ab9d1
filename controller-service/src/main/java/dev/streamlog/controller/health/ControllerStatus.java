package dev.streamlog.controller.health;

import dev.streamlog.controller.election.ActiveController;
import java.util.LinkedHashMap;
import java.util.Map;

/** The controller's role as health and info details. Stateless. */
final class ControllerStatus {

    private ControllerStatus() {
    }

    static Map<String, Object> of(ActiveController controller) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("active", controller.isActive());
        controller.epoch().ifPresent(epoch -> details.put("controller_epoch", epoch));
        controller.activeControllerUrl().ifPresent(url -> details.put("active_controller", url));
        details.put("advertised_url", controller.advertisedUrl());
        return details;
    }
}
