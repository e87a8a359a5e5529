package org.hopscope.engine.transport.helper;

/** The helper wrote something this engine cannot read: a version mismatch or a helper bug. */
final class HelperProtocolException extends Exception {
    HelperProtocolException(String message) {
        super(message);
    }
}
