package io.vtp.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The services and ordered routes of deploy/routes.yaml; the first route whose path matches wins. */
public final class RouteTable {

    /** A route of the table: requests whose path matches {@code path} go to {@code service}. */
    public record Route(String path, String service, boolean websocket) {
    }

    /** Service names become database and directory names, so they stay simple. */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Map<String, Integer> servicePorts;
    private final List<Route> routes;
    private final List<PathPattern> patterns;

    private RouteTable(Map<String, Integer> servicePorts, List<Route> routes) {
        this.servicePorts = Collections.unmodifiableMap(servicePorts);
        this.routes = List.copyOf(routes);
        this.patterns = routes.stream().map(route -> PathPattern.compile(route.path())).toList();
    }

    public static RouteTable load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route table " + file, e);
        }
    }

    public static RouteTable parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("route table is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("services").isObject() || !root.path("routes").isArray()) {
            throw new IllegalArgumentException("route table needs a 'services' map and a 'routes' list");
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        root.get("services").fields().forEachRemaining(entry -> {
            if (!SERVICE_NAME.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException("service name '" + entry.getKey() + "' must match " + SERVICE_NAME);
            }
            int port = entry.getValue().path("port").asInt(0);
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("service '" + entry.getKey() + "' needs a valid port");
            }
            ports.put(entry.getKey(), port);
        });
        List<Route> routes = new ArrayList<>();
        for (JsonNode node : root.get("routes")) {
            Route route = new Route(node.path("path").asText(null), node.path("service").asText(null),
                    node.path("websocket").asBoolean(false));
            if (!ports.containsKey(route.service())) {
                throw new IllegalArgumentException("route " + route.path() + " names unknown service '" + route.service() + "'");
            }
            routes.add(route);
        }
        return new RouteTable(ports, routes);
    }

    /** The first route whose pattern matches the (normalized, query-less) request path. */
    public Optional<Route> match(String path) {
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matches(path)) {
                return Optional.of(routes.get(i));
            }
        }
        return Optional.empty();
    }

    /** Service name to local port, in the file's order. */
    public Map<String, Integer> servicePorts() {
        return servicePorts;
    }

    public List<Route> routes() {
        return routes;
    }
}
