package dev.streamlog.bench;

import dev.streamlog.client.security.ClusterSignature;
import java.net.URI;
import java.util.List;

/**
 * Where one load sends its requests and what they carry: each producer thread {@code i} posts {@code body} to
 * {@code uris.get(i % uris.size())} with {@code contentType}; an answer counts as acknowledged when its status is
 * {@code okStatus}. The body holds {@code recordsPerRequest} records of {@code payloadBytesPerRequest} value bytes
 * in all, so every target is measured in the same records and megabytes.
 *
 * @param name                   what the report calls it
 * @param uris                   one or more endpoints, spread over the producer threads
 * @param contentType            the body's media type
 * @param body                   the encoded request, sent as is every time
 * @param okStatus               the status of an accepted request
 * @param recordsPerRequest      records in the body
 * @param payloadBytesPerRequest value bytes in the body
 * @param signature              signs each request as a member of the cluster (an internal route); null for none
 */
record Target(String name, List<URI> uris, String contentType, byte[] body, int okStatus, int recordsPerRequest,
              long payloadBytesPerRequest, ClusterSignature signature) {
}
