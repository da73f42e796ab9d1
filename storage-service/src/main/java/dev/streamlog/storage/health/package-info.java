/** Health of the storage node's own disk: the data dir is writable and has free space ({@link DataDirHealthIndicator}). */
package dev.streamlog.storage.health;
