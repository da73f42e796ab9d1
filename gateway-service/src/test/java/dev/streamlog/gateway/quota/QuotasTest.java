package dev.streamlog.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.gateway.auth.UserPrincipal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Quotas on a clock the test moves: debts, their payback, per-user overrides and the gateways' shares. */
class QuotasTest {

    private static final UserPrincipal ALICE = new UserPrincipal("alice");
    private static final UserPrincipal BOB = new UserPrincipal("bob");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Quotas quotas = new Quotas(new QuotaProperties(new QuotaProperties.Limits(1000L, null, null),
            Map.of("alice", new QuotaProperties.Limits(null, null, 2.0))), meters, now::get);

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aDebtIsRefusedUntilTheRateHasPaidItBack() {
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).isZero();
        quotas.use(BOB, QuotaType.PRODUCE, 3000);
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        advance(2000);
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        advance(1000);
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).isZero();
        assertThat(meters.get("streamlog.quota.throttled").tag("user", "User:bob").counter().count()).isEqualTo(2);
        assertThat(meters.get("streamlog.quota.used").tag("quota", "produce").counter().count()).isEqualTo(3000);
    }

    @Test
    void anIdleBucketHoldsAtMostTwoSecondsOfItsRate() {
        quotas.use(BOB, QuotaType.PRODUCE, 1);
        advance(60_000);
        quotas.use(BOB, QuotaType.PRODUCE, 2001);
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).as("a minute idle saved 2 s, not 60").isPositive();
    }

    @Test
    void anOverrideReplacesOnlyTheLimitsItNamesAndOthersAreUnlimited() {
        assertThat(quotas.share(ALICE, QuotaType.PRODUCE)).as("the default's").isEqualTo(1000.0);
        assertThat(quotas.share(ALICE, QuotaType.REQUEST)).isEqualTo(2.0);
        assertThat(quotas.share(BOB, QuotaType.REQUEST)).isNull();
        assertThat(quotas.share(BOB, QuotaType.FETCH)).isNull();
        quotas.use(BOB, QuotaType.FETCH, 1_000_000_000L);
        assertThat(quotas.waitNanos(BOB, QuotaType.FETCH)).isZero();
        quotas.use(ALICE, QuotaType.REQUEST, 1);
        quotas.use(ALICE, QuotaType.REQUEST, 1);
        assertThat(quotas.waitNanos(ALICE, QuotaType.REQUEST)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void eachGatewayEnforcesItsShare() {
        quotas.gateways(4);
        assertThat(quotas.share(BOB, QuotaType.PRODUCE)).isEqualTo(250.0);
        quotas.use(BOB, QuotaType.PRODUCE, 500);
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        quotas.gateways(1);
        assertThat(quotas.waitNanos(BOB, QuotaType.PRODUCE)).as("the full rate pays faster")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }
}
