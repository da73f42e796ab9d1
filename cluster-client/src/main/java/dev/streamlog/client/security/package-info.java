/**
 * How the services of one cluster know each other: every call between them carries a signature made with the
 * cluster's secret ({@link dev.streamlog.client.security.ClusterSignature}), and every internal route refuses a call
 * without a valid one; when the cluster uses TLS between its services, every call goes over it
 * ({@link dev.streamlog.client.security.ClusterTls}).
 */
package dev.streamlog.client.security;
