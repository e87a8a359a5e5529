package org.hopscope.engine.check;

/** A verdict's category, from best to worst; {@link #UNKNOWN} when a part could not be measured. */
public enum Status {
    GOOD,
    DEGRADED,
    BROKEN,
    UNKNOWN;

    /** The worse of two; UNKNOWN never outweighs a measured status. */
    public Status worse(Status other) {
        if (this == UNKNOWN) {
            return other;
        }
        if (other == UNKNOWN) {
            return this;
        }
        return other.ordinal() > ordinal() ? other : this;
    }
}
