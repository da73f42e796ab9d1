/**
 * How the services of one cluster know each other: every call between them carries a signature made with the
 * cluster's secret ({@link dev.streamlog.client.security.ClusterSignature}), and every internal route refuses a call
 * without a valid one.
 */
package dev.streamlog.client.security;
