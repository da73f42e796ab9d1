/** Spring wiring of the cluster client for the services that use it. */
package dev.streamlog.support.cluster;
