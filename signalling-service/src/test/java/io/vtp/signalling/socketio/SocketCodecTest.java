package io.vtp.signalling.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtp.signalling.engineio.EngineProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Socket.IO v5 packets, with the examples of the protocol's specification. */
class SocketCodecTest {

    @Test
    void decodesConnectEventsAcksAndNamespaces() {
        SocketPacket connect = SocketCodec.decode("0{\"token\":\"123\"}");
        assertEquals(SocketPacket.Type.CONNECT, connect.type());
        assertEquals("/", connect.namespace());
        assertEquals("123", connect.data().path("token").asText());

        SocketPacket custom = SocketCodec.decode("0/admin,{\"token\":\"abc\"}");
        assertEquals("/admin", custom.namespace());
        assertEquals("/random", SocketCodec.decode("0/random").namespace());

        SocketPacket event = SocketCodec.decode("212[\"join-room\",{\"room_id\":\"r\"}]");
        assertEquals(SocketPacket.Type.EVENT, event.type());
        assertEquals(12L, event.ackId());
        assertEquals("join-room", event.data().get(0).asText());

        SocketPacket disconnect = SocketCodec.decode("1");
        assertEquals(SocketPacket.Type.DISCONNECT, disconnect.type());
        assertNull(disconnect.data());
        assertEquals(SocketPacket.Type.ACK, SocketCodec.decode("3456[1,\"2\"]").type());
    }

    @Test
    void refusesWhatTheReferenceServerRefuses() {
        for (String bad : new String[] {"", "abc", "7", "42{}", "2[]", "2[{}]", "42abc[\"x\"]", "0[1]", "1{}",
                "3[1]", "5[\"x\"]", "5x-[\"x\"]", "2[\"x\"", "2" + "[".repeat(200) + "\"x\"" + "]".repeat(200)}) {
            String packet = bad.startsWith("42") ? bad.substring(1) : bad;
            assertThrows(EngineProtocolException.class, () -> SocketCodec.decode(packet), packet);
        }
    }

    @Test
    void encodesLikeTheReferenceServer() {
        assertEquals("2[\"joined-room\",{\"ok\":true}]", SocketCodec.event("joined-room", Map.of("ok", true)));
        JsonNode args = SocketCodec.JSON.createArrayNode().add(1).add("2");
        assertEquals("3456[1,\"2\"]", SocketCodec.encode(SocketPacket.ack(456, args)));
        assertEquals("4/random,{\"message\":\"Invalid namespace\"}",
                SocketCodec.encode(SocketClient.connectError("/random", "Invalid namespace", null)));
    }

    @Test
    void binaryAttachmentsReplaceTheirPlaceholders() throws Exception {
        SocketPacket binary = SocketCodec.decode("52-[\"upload\",{\"a\":{\"_placeholder\":true,\"num\":0},\"b\":[{\"_placeholder\":true,\"num\":1}]}]");
        assertEquals(2, binary.attachments());
        JsonNode rebuilt = SocketCodec.reconstruct(binary.data(), List.of(new byte[] {1, 2}, new byte[] {3}));
        assertArrayEquals(new byte[] {1, 2}, rebuilt.at("/1/a").binaryValue());
        assertArrayEquals(new byte[] {3}, rebuilt.at("/1/b/0").binaryValue());
        assertThrows(EngineProtocolException.class, () -> SocketCodec.reconstruct(
                SocketCodec.decode("51-[\"x\",{\"_placeholder\":true,\"num\":5}]").data(), List.of(new byte[] {1})));
    }
}
