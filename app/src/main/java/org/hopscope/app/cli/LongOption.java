package org.hopscope.app.cli;

/**
 * A {@code --name=value} argument split in two ({@code value} null when there is no {@code =}); any
 * other argument is its own name.
 */
record LongOption(String name, String value) {
    static LongOption split(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0 ? new LongOption(arg.substring(0, eq), arg.substring(eq + 1))
                : new LongOption(arg, null);
    }
}
