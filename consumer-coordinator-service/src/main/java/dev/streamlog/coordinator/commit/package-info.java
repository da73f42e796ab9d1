/** Committing and reading consumer groups' offsets, checked against the cluster and the partitions' ends. */
package dev.streamlog.coordinator.commit;
