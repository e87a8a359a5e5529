package org.hopscope.engine;

/** The tool version recorded in every trace document. */
public final class HopscopeVersion {
    public static final String VERSION = "0.1.0";
    public static final String NAME = "Hopscope";

    private HopscopeVersion() {
    }
}
