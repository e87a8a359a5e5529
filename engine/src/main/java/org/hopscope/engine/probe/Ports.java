package org.hopscope.engine.probe;

/** Port arithmetic that stays inside 1..65535. */
final class Ports {
    private Ports() {
    }

    /** {@code base + offset}, wrapping back to {@code base} past 65535. */
    static int offset(int base, long offset) {
        long span = 65536L - base;
        return (int) (base + Math.floorMod(offset, span));
    }
}
