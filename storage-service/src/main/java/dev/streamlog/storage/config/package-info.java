/**
 * The storage node's typed settings ({@code streamlog.storage.*}, {@code streamlog.zookeeper.*}),
 * the wiring of the log engine into Spring, and the mapping of topic configs to the engine's
 * {@link dev.streamlog.storage.log.LogConfig}.
 */
package dev.streamlog.storage.config;
