/**
 * The exceptions of the log engine, one class per failure case. All extend
 * {@link dev.streamlog.storage.log.errors.LogException}.
 */
package dev.streamlog.storage.log.errors;
