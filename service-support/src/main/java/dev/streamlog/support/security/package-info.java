/**
 * Cluster membership on the wire: the cluster secret's configuration ({@link
 * dev.streamlog.support.security.ClusterSecretConfiguration}, every service), TLS between the services ({@link
 * dev.streamlog.support.security.ClusterTlsConfiguration}, every service), and the guard and TLS of a service's
 * internal routes ({@link dev.streamlog.support.security.InternalRoutesGuard} and {@link
 * dev.streamlog.support.security.InternalListenerTls}: storage nodes, controllers, coordinators).
 */
package dev.streamlog.support.security;
