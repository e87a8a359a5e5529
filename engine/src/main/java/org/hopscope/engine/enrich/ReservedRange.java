package org.hopscope.engine.enrich;

/**
 * A special-purpose address block (IANA IPv4/IPv6 Special-Purpose Address Registries): its addresses
 * belong to no public AS, so they are labelled without a lookup.
 *
 * @param cidr the block, e.g. {@code 100.64.0.0/10}
 * @param label short label a table shows, e.g. "private", "shared address space", "benchmarking"
 * @param reference the RFC that reserves it, e.g. "RFC 6598"
 * @param reverseDns whether a PTR lookup still makes sense (a local resolver may know private
 *     addresses; nobody names multicast or unspecified ones)
 */
public record ReservedRange(String cidr, String label, String reference, boolean reverseDns) {
}
