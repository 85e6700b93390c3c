package io.vtp.signalling.transport;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vtp.signalling.engineio.EngineError;
import io.vtp.signalling.engineio.EngineServer;
import io.vtp.signalling.service.Authenticator;
import jakarta.enterprise.context.Dependent;

import java.util.List;
import java.util.Map;

/**
 * Refuses bad WebSocket upgrades with an HTTP status before the socket exists: a broken Engine.IO
 * query or unknown session (400), the conformance endpoint outside tests (404), the plain JSON
 * socket without a valid access token (401).
 */
@Dependent
public class UpgradeChecks implements HttpUpgradeCheck {

    private final EngineEndpoints engines;
    private final Authenticator authenticator;

    public UpgradeChecks(EngineEndpoints engines, Authenticator authenticator) {
        this.engines = engines;
        this.authenticator = authenticator;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String path = request.path();
        if (path.startsWith(EngineEndpoints.SOCKET_IO)) {
            return engine(engines.socketIo(), request);
        }
        if (path.startsWith(EngineEndpoints.ENGINE_IO)) {
            return engines.echo() == null ? CheckResult.rejectUpgrade(404) : engine(engines.echo(), request);
        }
        if (path.startsWith(PlainSignallingEndpoint.PATH)) {
            String token = PlainSignallingEndpoint.token(request);
            return authenticator.verify(token).map(identity -> {
                context.userData().put(PlainSignallingEndpoint.IDENTITY, identity);
                return CheckResult.permitUpgradeSync();
            }).onFailure().recoverWithItem(failure -> CheckResult.rejectUpgradeSync(401,
                    Map.of("WWW-Authenticate", List.of("Bearer"))));
        }
        return CheckResult.permitUpgrade();
    }

    private static Uni<CheckResult> engine(EngineServer server, HttpServerRequest request) {
        EngineError error = server.checkUpgrade(request.uri());
        return error == null ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(error.status());
    }
}
