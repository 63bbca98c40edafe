package dev.orgkit.apikey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}),
 * as an API key's allowed networks name them. Parsing takes address literals only and never asks
 * DNS; an address without a prefix length is a single host ({@code /32} or {@code /128}), and the
 * host bits of an address are cleared ({@code 203.0.113.7/24} is {@code 203.0.113.0/24}).
 *
 * @param address the first address of the block (its host bits are zero)
 * @param prefixLength how many leading bits name the block: 0 to 32 for IPv4, 0 to 128 for IPv6
 * @since 0.2.0
 */
public record IpNetwork(InetAddress address, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Requires an address whose host bits are zero and a prefix length that fits it. */
    public IpNetwork {
        if (address == null) {
            throw new IllegalArgumentException("an IpNetwork needs its address");
        }
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("the prefix length must be from 0 to " + bits);
        }
        if (!Arrays.equals(address.getAddress(), mask(address.getAddress(), prefixLength))) {
            throw new IllegalArgumentException("the host bits of the address must be zero");
        }
    }

    /**
     * The block written {@code text}.
     *
     * @throws IllegalArgumentException if it is not an IPv4 or IPv6 CIDR block; the message says why
     */
    public static IpNetwork parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        String[] parts = text.strip().split("/", -1);
        byte[] bytes = literal(parts[0]).orElseThrow().getAddress();
        int length = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
        return new IpNetwork(address(mask(bytes, length)), length);
    }

    /** What is wrong with {@code text} as a CIDR block, if anything; never throws. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must be an IPv4 or IPv6 network such as 203.0.113.0/24 or 2001:db8::/32");
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2) {
            return Optional.of("must have at most one '/'");
        }
        Optional<InetAddress> address = literal(parts[0]);
        if (address.isEmpty()) {
            return Optional.of("must start with an IPv4 or IPv6 address, such as 203.0.113.0 or 2001:db8::");
        }
        if (parts.length == 2) {
            int bits = address.get().getAddress().length * 8;
            if (!parts[1].matches("\\d{1,3}") || Integer.parseInt(parts[1]) > bits) {
                return Optional.of("must end with a prefix length from 0 to " + bits);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code candidate} is in this block; an IPv4 address is never in an IPv6 block, nor the reverse. */
    public boolean contains(InetAddress candidate) {
        byte[] bytes = candidate.getAddress();
        return bytes.length == address.getAddress().length
                && Arrays.equals(mask(bytes, prefixLength), address.getAddress());
    }

    /** The block in CIDR notation, such as {@code 203.0.113.0/24}. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    /** The address of an IPv4 or IPv6 literal, without any name lookup. */
    private static Optional<InetAddress> literal(String text) {
        var ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(address(bytes));
        }
        if (text.indexOf(':') < 0 || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // A text with a colon is parsed as an IPv6 literal: no lookup is made.
            InetAddress parsed = InetAddress.getByName(text);
            return parsed instanceof Inet4Address ? Optional.empty() : Optional.of(parsed);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes", e);
        }
    }

    private static byte[] mask(byte[] bytes, int prefixLength) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }
}
