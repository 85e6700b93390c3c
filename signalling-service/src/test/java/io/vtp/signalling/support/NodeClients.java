package io.vtp.signalling.support;

import io.vtp.testsupport.NodeScripts;

/** The Node clients of src/test/js (socket.io-client, playwright-core, the Engine.IO suite's runtime). */
public final class NodeClients {

    public static final NodeScripts NODE = new NodeScripts("socket.io-client", "sio-clients.mjs", "webrtc-peers.mjs");

    private NodeClients() {
    }
}
