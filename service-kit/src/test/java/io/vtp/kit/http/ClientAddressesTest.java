package io.vtp.kit.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressesTest {

    @Test
    void parsesOnlyIpLiteralsNeverHostNames() {
        assertTrue(ClientAddresses.literal("10.1.2.3").isPresent());
        assertTrue(ClientAddresses.literal("2001:db8::1").isPresent());
        assertTrue(ClientAddresses.literal("[::1]").isPresent());
        assertFalse(ClientAddresses.literal("localhost").isPresent());
        assertFalse(ClientAddresses.literal("example.org").isPresent());
        assertFalse(ClientAddresses.literal("10.1.2.3:8080").isPresent());
        assertFalse(ClientAddresses.literal("").isPresent());
        assertFalse(ClientAddresses.literal("1".repeat(100)).isPresent());
    }

    @Test
    void matchesRanges() throws Exception {
        ClientAddresses.Cidr tenSlash8 = ClientAddresses.Cidr.parse("10.0.0.0/8");
        assertTrue(tenSlash8.contains(InetAddress.getByName("10.200.3.4")));
        assertFalse(tenSlash8.contains(InetAddress.getByName("11.0.0.1")));
        assertFalse(tenSlash8.contains(InetAddress.getByName("::1")));
        assertTrue(ClientAddresses.Cidr.parse("[::1]").contains(InetAddress.getByName("::1")));
        assertTrue(ClientAddresses.Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
        assertFalse(ClientAddresses.Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2")));
        assertTrue(ClientAddresses.Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12:3456::1")));
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.Cidr.parse("ingress.local"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.Cidr.parse("10.0.0.0/33"));
        assertEquals(32, ClientAddresses.Cidr.parse("10.0.0.1").prefix());
    }
    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        ClientAddresses addresses = new ClientAddresses(config("10.0.0.0/8", "127.0.0.1"));
        assertEquals("203.0.113.9", addresses.of(request("203.0.113.9", "198.51.100.7")));
        assertEquals("203.0.113.9", addresses.of(request("203.0.113.9", "10.0.0.1, 127.0.0.1")));
        assertEquals("203.0.113.9", addresses.of(request("203.0.113.9")));
    }

    @Test
    void behindTrustedProxiesTheHeaderIsReadRightToLeft() {
        ClientAddresses addresses = new ClientAddresses(config("10.0.0.0/8"));
        // the proxy appended the client it saw; what the client wrote itself (further left) is ignored
        assertEquals("198.51.100.7", addresses.of(request("10.0.0.5", "198.51.100.7")));
        assertEquals("198.51.100.7", addresses.of(request("10.0.0.5", "6.6.6.6, 198.51.100.7")));
        // trusted hops (an ingress behind the gateway) are skipped
        assertEquals("198.51.100.7", addresses.of(request("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.1.2.3, 10.9.9.9")));
        // several header lines are one list, in order
        assertEquals("198.51.100.7", addresses.of(request("10.0.0.5", "6.6.6.6", "198.51.100.7, 10.1.2.3")));
        // anything that is not an IP literal ends the walk at the last address believed
        assertEquals("10.1.2.3", addresses.of(request("10.0.0.5", "198.51.100.7, evil.example, 10.1.2.3")));
        assertEquals("10.0.0.5", addresses.of(request("10.0.0.5", "198.51.100.7, 198.51.100.8:443")));
        // a trusted proxy that forwards nothing is itself the client
        assertEquals("10.0.0.5", addresses.of(request("10.0.0.5")));
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        ClientAddresses addresses = new ClientAddresses(config("10.0.0.0/8"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", addresses.of(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        assertEquals("2001:db8:1:2:0:0:0:0/64", addresses.of(request("10.0.0.5", "[2001:db8:1:2::99]")));
    }

    private static HttpConfig config(String... trusted) {
        return new HttpConfig() {
            @Override
            public java.util.List<String> trustedProxies() {
                return java.util.List.of(trusted);
            }

            @Override
            public io.quarkus.runtime.configuration.MemorySize maxBodySize() {
                return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(65536));
            }

            @Override
            public java.util.Map<String, io.quarkus.runtime.configuration.MemorySize> bodyLimits() {
                return java.util.Map.of();
            }
        };
    }

    /** A request from socket peer {@code peer} carrying the given X-Forwarded-For lines. */
    private static io.vertx.core.http.HttpServerRequest request(String peer, String... forwardedFor) {
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        for (String line : forwardedFor) {
            headers.add("X-Forwarded-For", line);
        }
        io.vertx.core.net.SocketAddress address = io.vertx.core.net.SocketAddress.inetSocketAddress(40000, peer);
        io.vertx.core.http.HttpConnection connection = proxy(io.vertx.core.http.HttpConnection.class,
                java.util.Map.of("remoteAddress", address));
        return proxy(io.vertx.core.http.HttpServerRequest.class, java.util.Map.of(
                "connection", connection,
                "headers", headers,
                // what a forwarding-aware wrapper would claim: never to be believed
                "remoteAddress", io.vertx.core.net.SocketAddress.inetSocketAddress(1, "6.6.6.6")));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.Map<String, Object> answers) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    if (answers.containsKey(method.getName()) && (args == null || args.length == 0)) {
                        return answers.get(method.getName());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
