/**
 * Finding the active controller: the holder of the {@code /controller} leader latch, from a ZooKeeper cache or
 * read fresh for a retry.
 */
package dev.streamlog.client.controller;
