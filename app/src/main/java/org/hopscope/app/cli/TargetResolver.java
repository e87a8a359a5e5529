package org.hopscope.app.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.format.AddressLiterals;

/**
 * Turns the target as typed into the address to trace: a literal is taken as is (no lookup); a name is
 * asked of the simulated network first when there is one, then of the system resolver.
 */
public final class TargetResolver {

    /** Looks a host name up; the system resolver by default, a fake in tests. */
    @FunctionalInterface
    public interface NameLookup {
        List<InetAddress> lookup(String name) throws UnknownHostException;
    }

    /** Names a simulated network knows (its hosts and routers); empty if it does not know the name. */
    @FunctionalInterface
    public interface LocalNames {
        Optional<InetAddress> lookup(String name, int ipVersion);
    }

    public static final NameLookup SYSTEM = name -> Arrays.asList(InetAddress.getAllByName(name));

    private final NameLookup lookup;

    public TargetResolver(NameLookup lookup) {
        this.lookup = lookup;
    }

    public TargetResolver() {
        this(SYSTEM);
    }

    /**
     * The address to trace.
     *
     * @param ipVersion 4 or 6 to insist on a family, 0 for the first address
     * @param local names a simulated network defines, or null
     */
    public InetAddress resolve(String target, int ipVersion, LocalNames local) throws UsageException {
        InetAddress literal = AddressLiterals.parse(target);
        if (literal != null) {
            if (!matches(literal, ipVersion)) {
                throw new UsageException(target + " is an IPv" + (literal instanceof Inet6Address ? 6 : 4)
                        + " address, but -" + ipVersion + " was given");
            }
            return literal;
        }
        if (local != null) {
            Optional<InetAddress> a = local.lookup(target, ipVersion);
            if (a.isPresent()) {
                return a.get();
            }
            throw new UsageException("cannot resolve '" + target + "': the simulated network has no such "
                    + (ipVersion == 0 ? "" : "IPv" + ipVersion + " ") + "host");
        }
        List<InetAddress> all;
        try {
            all = lookup.lookup(target);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("cannot resolve '" + target + "': unknown host");
        }
        return all.stream().filter(a -> matches(a, ipVersion)).findFirst().orElseThrow(() -> new UsageException(
                "cannot resolve '" + target + "': it has no IPv" + ipVersion + " address"));
    }

    private static boolean matches(InetAddress a, int ipVersion) {
        return ipVersion == 0 || (ipVersion == 4 ? a instanceof Inet4Address : a instanceof Inet6Address);
    }
}
