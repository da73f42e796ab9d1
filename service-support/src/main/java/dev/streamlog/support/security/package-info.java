/**
 * Cluster membership on the wire: the cluster secret's configuration ({@link
 * dev.streamlog.support.security.ClusterSecretConfiguration}, every service) and the guard of a service's internal
 * routes ({@link dev.streamlog.support.security.InternalRoutesGuard}, storage nodes, controllers, coordinators).
 */
package dev.streamlog.support.security;
