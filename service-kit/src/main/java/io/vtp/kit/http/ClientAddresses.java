package io.vtp.kit.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is on the other end, for services that throttle or log per client. The socket peer is the client unless it is a
 * trusted proxy ({@code vtp.http.trusted-proxies}); then X-Forwarded-For is read from the right,
 * skipping trusted hops, and the first other address is the client. Entries further left were
 * written by the client itself and are never believed; anything that is not an IP literal ends the
 * walk. IPv6 clients are counted per /64, since one host usually owns a whole /64.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Cidr> trusted;

    public ClientAddresses(HttpConfig config) {
        this.trusted = config.trustedProxies().stream().map(Cidr::parse).toList();
    }

    public String of(HttpServerRequest request) {
        SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
        Optional<InetAddress> peerIp = Optional.ofNullable(peer).map(SocketAddress::hostAddress).flatMap(ClientAddresses::literal);
        if (peerIp.isEmpty()) {
            return "unknown";
        }
        InetAddress client = peerIp.get();
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return key(client);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static List<String> forwardedFor(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** Parses an IP literal (never a host name: no DNS lookups on client input). */
    static Optional<InetAddress> literal(String text) {
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (candidate.length() > 45 || !(IPV4.matcher(candidate).matches() || IPV6.matcher(candidate).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /** An address range such as {@code 10.0.0.0/8}, {@code [::1]} or {@code 127.0.0.1}. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/");
            InetAddress address = literal(parts[0].trim())
                    .orElseThrow(() -> new IllegalArgumentException("vtp.http.trusted-proxies: not an IP range: " + text));
            int bits = address.getAddress().length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("vtp.http.trusted-proxies: bad prefix length in " + text);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
