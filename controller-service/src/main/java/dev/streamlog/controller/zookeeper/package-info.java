/**
 * ZooKeeper adapters of the controller, all on the chrooted Curator client
 * ({@link dev.streamlog.controller.zookeeper.NamespacedCurator}): the controller epoch
 * ({@link dev.streamlog.controller.zookeeper.ZkControllerEpochs}), loading an image
 * ({@link dev.streamlog.controller.zookeeper.ZkImageLoader}), persisting writes as fenced
 * transactions ({@link dev.streamlog.controller.zookeeper.ZkPersister}), and watching live
 * brokers and the controller latch.
 */
package dev.streamlog.controller.zookeeper;
