/** Small ZooKeeper helpers the client side shares. */
package dev.streamlog.client.zookeeper;
