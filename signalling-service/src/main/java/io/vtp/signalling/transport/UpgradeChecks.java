package io.vtp.signalling.transport;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vtp.signalling.service.Authenticator;
import jakarta.enterprise.context.Dependent;

import java.util.List;
import java.util.Map;

/**
 * Refuses an upgrade of the plain JSON socket without a valid access token (401) before the socket
 * exists. (The Engine.IO paths are Vert.x routes with checks of their own: {@link EngineSockets}.)
 */
@Dependent
public class UpgradeChecks implements HttpUpgradeCheck {

    private final Authenticator authenticator;

    public UpgradeChecks(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (request.path().startsWith(PlainSignallingEndpoint.PATH)) {
            String token = PlainSignallingEndpoint.token(request);
            return authenticator.verify(token).map(identity -> {
                context.userData().put(PlainSignallingEndpoint.IDENTITY, identity);
                return CheckResult.permitUpgradeSync();
            }).onFailure().recoverWithItem(failure -> CheckResult.rejectUpgradeSync(401,
                    Map.of("WWW-Authenticate", List.of("Bearer"))));
        }
        return CheckResult.permitUpgrade();
    }
}
