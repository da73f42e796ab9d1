package dev.streamlog.client.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader of the controller latch, in Curator's order. */
class LatchParticipantsTest {

    @Test
    void theLowestSequenceLeadsWhateverTheProtectionPrefix() {
        List<String> nodes = List.of(
                "_c_7f3b8a4e-1111-4a4a-9b9b-000000000001-latch-0000000012",
                "_c_00000000-2222-4a4a-9b9b-000000000002-latch-0000000010",
                "_c_ffffffff-3333-4a4a-9b9b-000000000003-latch-0000000011");

        assertThat(LatchParticipants.inLeaderOrder(nodes)).containsExactly(
                "_c_00000000-2222-4a4a-9b9b-000000000002-latch-0000000010",
                "_c_ffffffff-3333-4a4a-9b9b-000000000003-latch-0000000011",
                "_c_7f3b8a4e-1111-4a4a-9b9b-000000000001-latch-0000000012");
    }

    @Test
    void unprotectedNamesSortBySequenceToo() {
        assertThat(LatchParticipants.inLeaderOrder(List.of("latch-0000000002", "latch-0000000001")))
                .containsExactly("latch-0000000001", "latch-0000000002");
        assertThat(LatchParticipants.inLeaderOrder(List.of())).isEmpty();
    }
}
