package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.ClusterMetadata;
import dev.streamlog.controller.metadata.Command;
import dev.streamlog.controller.metadata.ControllerResult;
import dev.streamlog.model.ErrorCode;

/** Cluster metadata kept in memory: commands' writes are replayed onto the image, nothing is persisted. */
final class InMemoryClusterMetadata implements ClusterMetadata {

    private ClusterImage image;
    private boolean active = true;

    InMemoryClusterMetadata(ClusterImage image) {
        this.image = image;
    }

    synchronized void setActive(boolean active) {
        this.active = active;
    }

    synchronized void setImage(ClusterImage image) {
        this.image = image;
    }

    @Override
    public synchronized ClusterImage image() {
        if (!active) {
            throw new AdminException(ErrorCode.RETRIABLE, "standby; the active controller is http://other:9192");
        }
        return image;
    }

    @Override
    public synchronized <T> T execute(Command<T> command) {
        ControllerResult<T> result = command.apply(image());
        image = image.replay(result.writes());
        return result.response();
    }
}
