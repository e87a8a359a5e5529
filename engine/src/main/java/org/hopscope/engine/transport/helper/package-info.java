/**
 * The engine's side of the native helper (native-helper/PROTOCOL.md): {@code HelperLocator} finds the
 * binary, {@code HelperProcess} runs it and keeps its last stderr words, {@code HelperSession} speaks
 * the line protocol, and {@code HelperTransport} supervises it (reports a dead helper once, keeping
 * every event received before, then restarts it for the next trace).
 */
package org.hopscope.engine.transport.helper;
