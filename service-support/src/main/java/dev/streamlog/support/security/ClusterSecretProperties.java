package dev.streamlog.support.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster's shared secret, prefix {@code streamlog.cluster}: every service of a cluster needs the same one,
 * given as a file (preferred: bin/cluster, compose and Helm write one) or as a value. Immutable.
 *
 * @param secretFile the file holding the secret (at least 32 characters; surrounding white space ignored)
 * @param secret     the secret itself, when no file is given
 * @param maxSkew    how far a call's signature time may be from the receiver's clock, either way (default 30 s)
 */
@ConfigurationProperties("streamlog.cluster")
public record ClusterSecretProperties(Path secretFile, String secret, @DefaultValue("30s") Duration maxSkew) {
}
