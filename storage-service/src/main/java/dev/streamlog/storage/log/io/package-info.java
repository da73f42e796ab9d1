/**
 * Memory-mapped files, behind one class: {@link dev.streamlog.storage.log.io.MappedIndexFile}.
 * This is the only package of the engine that imports Chronicle Bytes (the build checks it).
 */
package dev.streamlog.storage.log.io;
