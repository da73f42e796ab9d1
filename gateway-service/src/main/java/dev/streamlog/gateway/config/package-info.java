/** Typed configuration ({@code streamlog.gateway.*}, {@code streamlog.zookeeper.*}) and the wiring of the gateway. */
package dev.streamlog.gateway.config;
