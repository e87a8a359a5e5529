package org.hopscope.engine.enrich;

import java.util.Optional;

/** The result of one lookup: a value when {@code state == FOUND}. */
record Outcome<T>(Optional<T> value, LookupState state) {
    static <T> Outcome<T> found(T v) {
        return new Outcome<>(Optional.of(v), LookupState.FOUND);
    }

    static <T> Outcome<T> of(LookupState s) {
        return new Outcome<>(Optional.empty(), s);
    }
}
