package dev.streamlog.controller.zookeeper;

/**
 * The controller epoch this instance won and the version of {@code /controller_epoch} it wrote:
 * the fencing token every one of its transactions checks. Immutable.
 *
 * @param value        the epoch, 1 for the first controller ever
 * @param znodeVersion the ZooKeeper version of {@code /controller_epoch} after this controller's increment
 */
public record ControllerEpoch(int value, int znodeVersion) {
}
