/**
 * Checkpoint files: small state files replaced atomically (temp file, fsync, rename, fsync
 * of the directory).
 */
package dev.streamlog.storage.log.checkpoint;
