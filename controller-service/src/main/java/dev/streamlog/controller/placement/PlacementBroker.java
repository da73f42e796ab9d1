package dev.streamlog.controller.placement;

/**
 * A live broker as replica placement sees it. Immutable.
 *
 * @param id   broker id
 * @param rack rack or zone label, or null when the broker has none
 */
public record PlacementBroker(int id, String rack) {
}
