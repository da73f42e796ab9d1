package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.ErrorCode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Taking from the pool, refusing past it, giving back once every holder let go. */
class RequestMemoryTest {

    private final RequestMemory memory = new RequestMemory(1000);

    @Test
    void sharesTakeFromThePoolUntilItIsFullAndGiveBackWhenReleased() {
        RequestMemory.Reservation first = memory.reserve();
        RequestMemory.Reservation second = memory.reserve();

        assertThat(first.take(600)).isTrue();
        assertThat(second.take(500)).isFalse();
        assertThat(second.take(400)).isTrue();
        assertThat(memory.used()).isEqualTo(1000);
        assertThatThrownBy(() -> second.require(1)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));

        first.release();
        assertThat(memory.used()).isEqualTo(400);
        second.release();
        assertThat(memory.used()).isZero();
    }

    @Test
    void aShareHeldForWorkIsGivenBackOnlyOnceTheWorkIsDoneToo() {
        RequestMemory.Reservation share = memory.reserve();
        share.take(300);
        CompletableFuture<Void> appends = new CompletableFuture<>();
        share.holdUntil(appends);

        share.release();
        assertThat(memory.used()).isEqualTo(300);
        appends.complete(null);
        assertThat(memory.used()).isZero();
    }

    @Test
    void aRequestWithoutAShareIsNeverRefused() {
        RequestMemory.Reservation none = RequestMemory.of(new MockHttpServletRequest());

        assertThat(none.take(1L << 40)).isTrue();
        assertThat(memory.used()).isZero();
    }
}
