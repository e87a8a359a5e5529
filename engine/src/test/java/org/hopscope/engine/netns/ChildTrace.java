package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a {@link TraceMain} run printed, parsed back. */
public record ChildTrace(String transport, String status, Map<Integer, Set<InetAddress>> hops, List<Truth.Link> links,
        List<String> errors, String output) {

    public static ChildTrace parse(String out) {
        String transport = "";
        String status = "";
        Map<Integer, Set<InetAddress>> hops = new TreeMap<>();
        List<Truth.Link> links = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] w = line.split(" ", 3);
            switch (w[0]) {
                case "TRANSPORT" -> transport = line.substring(10);
                case "STATUS" -> status = w[1];
                case "HOP" -> hops.put(Integer.parseInt(w[1]), Stream.of(w[2].split(","))
                        .map(Addresses::of).collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
                case "LINK" -> links.add(new Truth.Link(Addresses.of(w[1]), Addresses.of(w[2])));
                case "ERROR" -> errors.add(line);
                default -> {
                }
            }
        }
        return new ChildTrace(transport, status, hops, links, errors, out);
    }
}
