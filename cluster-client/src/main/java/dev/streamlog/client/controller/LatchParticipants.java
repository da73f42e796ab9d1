package dev.streamlog.client.controller;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a Curator {@code LeaderLatch}'s participant znodes, as Curator itself sorts them: by the sequence
 * number after the last {@code latch-} in the node name (the name may carry Curator's protection prefix
 * {@code _c_<uuid>-}); the first participant holds the latch. Its data is its participant id, which for
 * {@code /controller} is the controller's base URL. Stateless.
 */
final class LatchParticipants {

    private static final String LATCH_NAME = "latch-";

    private LatchParticipants() {
    }

    /** The participant node names, leader first. */
    static List<String> inLeaderOrder(Collection<String> nodeNames) {
        return nodeNames.stream().sorted(Comparator.comparing(LatchParticipants::sequence)).toList();
    }

    private static String sequence(String nodeName) {
        int at = nodeName.lastIndexOf(LATCH_NAME);
        return at < 0 ? nodeName : nodeName.substring(at + LATCH_NAME.length());
    }
}
