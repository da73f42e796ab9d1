package dev.streamlog.gateway.quota;

/** What a quota limits, with the unit its rate counts and the name its metrics carry. */
public enum QuotaType {
    /** Bytes of produce request bodies. */
    PRODUCE("produce", "bytes"),
    /** Bytes of record reads answered. */
    FETCH("fetch", "bytes"),
    /** Requests of any kind. */
    REQUEST("request", "requests");

    private final String tag;
    private final String unit;

    QuotaType(String tag, String unit) {
        this.tag = tag;
        this.unit = unit;
    }

    /** The quota's name in metrics and answers. */
    public String tag() {
        return tag;
    }

    /** What the quota's rate counts. */
    public String unit() {
        return unit;
    }
}
