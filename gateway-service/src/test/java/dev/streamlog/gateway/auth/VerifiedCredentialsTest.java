package dev.streamlog.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final UserPrincipal alice = new UserPrincipal("alice");

    @Test
    void remembersUntilTheTtlOrTheGivenExpiryWhicheverComesFirst() {
        VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        verified.remember("Basic a", alice, Long.MAX_VALUE, verified.generation());
        verified.remember("Bearer t", alice, now.get() + 10_000, verified.generation());
        assertThat(verified.find("Basic a")).isEqualTo(alice);
        assertThat(verified.find("Basic b")).isNull();
        now.addAndGet(10_000);
        assertThat(verified.find("Bearer t")).as("the token expired").isNull();
        assertThat(verified.find("Basic a")).isEqualTo(alice);
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(verified.find("Basic a")).as("the ttl ran out").isNull();
        assertThat(verified.size()).isZero();
    }

    @Test
    void aZeroTtlRemembersNothingAndClearForgetsAll() {
        VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO, clock);
        off.remember("Basic a", alice, Long.MAX_VALUE, off.generation());
        assertThat(off.find("Basic a")).isNull();
        VerifiedCredentials on = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        on.remember("Basic a", alice, Long.MAX_VALUE, on.generation());
        on.clear();
        assertThat(on.find("Basic a")).isNull();
    }

    @Test
    void aCheckThatBeganBeforeAClearIsNotRemembered() {
        VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        long checkedIn = verified.generation();
        verified.clear();
        verified.remember("Basic removed-user", alice, Long.MAX_VALUE, checkedIn);
        assertThat(verified.find("Basic removed-user")).isNull();
    }

    @Test
    void staysBoundedByEmptyingWhenFull() {
        VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        for (int i = 0; i <= VerifiedCredentials.MAX_ENTRIES; i++) {
            verified.remember("Basic " + i, alice, Long.MAX_VALUE, verified.generation());
        }
        assertThat(verified.size()).isLessThanOrEqualTo(VerifiedCredentials.MAX_ENTRIES);
        assertThat(verified.find("Basic " + VerifiedCredentials.MAX_ENTRIES)).isEqualTo(alice);
    }
}
