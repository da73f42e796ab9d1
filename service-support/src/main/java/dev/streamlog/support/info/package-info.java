/** What a node says of itself on {@code /actuator/info}: its role, its identity and the cluster's id. */
package dev.streamlog.support.info;
