/** What every endpoint shares: request checks and the mapping of every failure to an error code. */
package dev.streamlog.storage.web;
