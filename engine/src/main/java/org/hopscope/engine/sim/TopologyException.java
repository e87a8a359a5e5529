package org.hopscope.engine.sim;

/**
 * A topology file is wrong. The message names the file and line, e.g. {@code
 * "demo.topo:12: unknown option 'sielnt' for a router (expected one of ...)"}; {@link #line()} is 0
 * when the problem concerns the file as a whole (e.g. no {@code source} line).
 */
public final class TopologyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final int line;
    private final String problem;

    public TopologyException(String origin, int line, String problem) {
        super(origin + (line > 0 ? ":" + line : "") + ": " + problem);
        this.origin = origin;
        this.line = line;
        this.problem = problem;
    }

    /** The file name (or "&lt;text&gt;" for a string) the problem is in. */
    public String origin() {
        return origin;
    }

    /** 1-based line number, 0 for the whole file. */
    public int line() {
        return line;
    }

    /** The message without the file and line prefix. */
    public String problem() {
        return problem;
    }
}
