package io.vtp.auth.security;

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
}
