package io.vtp.kit.problem;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code Allow} header of a 405 (RFC 9110 15.5.6 requires it). Quarkus REST answers 405 without
 * one, so this asks the REST deployment the same question its router asked: which HTTP methods
 * have a resource method whose path template matches the request path. The lookup repeats what
 * {@code RestInitialHandler} and {@code ClassRoutingHandler} do (class-level match, then
 * method-level match of the remaining path), so the answer agrees with the routing by
 * construction. It relies on Quarkus REST internals; if they change shape it answers nothing
 * (the 405 then goes out without {@code Allow}) rather than failing the response.
 */
final class AllowedMethods {

    private static final Logger LOG = Logger.getLogger(AllowedMethods.class);

    /** The class-level router of the last deployment seen (one per application start). */
    private static volatile ClassMapper classMapper;

    private record ClassMapper(Deployment deployment, RequestMapper<RestInitialHandler.InitialMatch> mapper) {
    }

    private AllowedMethods() {
    }

    /** The methods allowed on the current request's path, e.g. {@code "DELETE, GET, HEAD, OPTIONS"}. */
    static Optional<String> forCurrentRequest() {
        try {
            ResteasyReactiveRequestContext request = CurrentRequestManager.get();
            if (request == null) {
                return Optional.empty();
            }
            return forPath(request.getDeployment(), request.getPathWithoutPrefix());
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf(e, "Could not work out the Allow header");
            return Optional.empty();
        }
    }

    static Optional<String> forPath(Deployment deployment, String path) {
        RequestMapper.RequestMatch<RestInitialHandler.InitialMatch> classMatch = classMapper(deployment).map(path);
        if (classMatch == null) {
            return Optional.empty();
        }
        String remaining = classMatch.remaining == null || classMatch.remaining.isEmpty() ? "/" : classMatch.remaining;
        TreeSet<String> allowed = new TreeSet<>();
        for (ServerRestHandler handler : classMatch.value.handlers) {
            if (handler instanceof ClassRoutingHandler routing) {
                for (Map.Entry<String, RequestMapper<RuntimeResource>> byMethod : routing.getMappers().entrySet()) {
                    // a null method is a sub-resource locator: it accepts any method, so it adds nothing here
                    if (byMethod.getKey() != null && byMethod.getValue().map(remaining) != null) {
                        allowed.add(byMethod.getKey());
                    }
                }
            }
        }
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD"); // Quarkus REST answers HEAD with the GET method
        }
        allowed.add("OPTIONS"); // and answers OPTIONS itself
        return Optional.of(String.join(", ", allowed));
    }

    private static RequestMapper<RestInitialHandler.InitialMatch> classMapper(Deployment deployment) {
        ClassMapper cached = classMapper;
        if (cached == null || cached.deployment() != deployment) {
            cached = new ClassMapper(deployment, new RequestMapper<>(deployment.getClassMappers()));
            classMapper = cached;
        }
        return cached.mapper();
    }
}
