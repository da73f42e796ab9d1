/** The read (with long poll) and offsets endpoints: log slices decoded into records. */
package dev.streamlog.storage.fetch;
