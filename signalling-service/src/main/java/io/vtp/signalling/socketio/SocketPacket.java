package io.vtp.signalling.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Socket.IO v5 packet.
 *
 * @param type        the packet type
 * @param namespace   "/" for the main namespace
 * @param ackId       the acknowledgement id, or null
 * @param data        the JSON payload, or null
 * @param attachments binary attachments that follow (BINARY_EVENT and BINARY_ACK only)
 */
public record SocketPacket(Type type, String namespace, Long ackId, JsonNode data, int attachments) {

    public enum Type { CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK }

    public static SocketPacket of(Type type, JsonNode data) {
        return new SocketPacket(type, "/", null, data, 0);
    }

    public static SocketPacket ack(long id, JsonNode data) {
        return new SocketPacket(Type.ACK, "/", id, data, 0);
    }
}
