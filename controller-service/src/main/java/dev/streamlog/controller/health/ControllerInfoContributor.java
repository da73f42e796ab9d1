package dev.streamlog.controller.health;

import dev.streamlog.controller.election.ActiveController;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds {@code "controller": {"active", "controller_epoch", …}} to {@code /actuator/info}. Thread-safe. */
@Component
class ControllerInfoContributor implements InfoContributor {

    private final ActiveController controller;

    ControllerInfoContributor(ActiveController controller) {
        this.controller = controller;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("controller", ControllerStatus.of(controller));
    }
}
