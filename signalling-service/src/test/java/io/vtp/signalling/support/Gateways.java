package io.vtp.signalling.support;

import io.vtp.local.Gateway;
import io.vtp.local.RouteTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The real local gateway (vtp-local, routing by deploy/routes.yaml) in front of the service under
 * test, so clients reach it the way frontends do: {@code /socket.io/}, {@code /ws/signalling} and
 * {@code /api/v1/signalling/**} through one origin, WebSocket upgrades proxied.
 */
public final class Gateways {

    private static Gateway gateway;

    private Gateways() {
    }

    /** The gateway's base URL (no trailing slash), routing signalling to {@code service}. */
    public static synchronized String in(URI service) {
        if (gateway == null) {
            try {
                String routes = Files.readString(Path.of("../deploy/routes.yaml"));
                String pointed = routes.replace("signalling: { port: 8082 }", "signalling: { port: " + service.getPort() + " }");
                if (pointed.equals(routes)) {
                    throw new IllegalStateException("deploy/routes.yaml no longer names signalling's port as expected");
                }
                gateway = Gateway.start(RouteTable.parse(pointed), Set.of("signalling"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + gateway.port();
    }
}
