package io.vtp.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Fails early, with a clear message, when a port local mode needs is taken. */
final class Ports {

    private Ports() {
    }

    static void requireFree(int port, String user) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            probe.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("port " + port + " (" + user + ") is in use by another program.");
        }
    }
}
