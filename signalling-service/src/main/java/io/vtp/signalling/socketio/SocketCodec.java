package io.vtp.signalling.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtp.signalling.engineio.EngineProtocolException;

import java.util.List;

/**
 * Encodes and decodes Socket.IO v5 packets carried in Engine.IO messages:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}, and puts binary attachments
 * back in place of their placeholders.
 *
 * @see <a href="https://github.com/socketio/socket.io-protocol">the Socket.IO protocol</a>
 */
public final class SocketCodec {

    /** Lenient where the protocol is (any JSON), strict about depth so a hostile payload stays cheap. */
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private SocketCodec() {
    }

    public static SocketPacket decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new EngineProtocolException("empty Socket.IO packet");
        }
        int digit = text.charAt(0) - '0';
        if (digit < 0 || digit >= SocketPacket.Type.values().length) {
            throw new EngineProtocolException("unknown Socket.IO packet type");
        }
        SocketPacket.Type type = SocketPacket.Type.values()[digit];
        int i = 1;
        int attachments = 0;
        if (type == SocketPacket.Type.BINARY_EVENT || type == SocketPacket.Type.BINARY_ACK) {
            int dash = text.indexOf('-', i);
            if (dash < 0) {
                throw new EngineProtocolException("binary packet without attachment count");
            }
            attachments = parseCount(text.substring(i, dash));
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? text.length() : comma + 1;
        }
        int idStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - idStart < 16) {
            i++;
        }
        Long ackId = i > idStart ? Long.parseLong(text.substring(idStart, i)) : null;
        JsonNode data = null;
        if (i < text.length()) {
            try {
                data = JSON.readTree(text.substring(i));
            } catch (JsonProcessingException e) {
                throw new EngineProtocolException("Socket.IO payload is not JSON");
            }
        }
        SocketPacket packet = new SocketPacket(type, namespace, ackId, data, attachments);
        check(packet);
        return packet;
    }

    public static String encode(SocketPacket packet) {
        StringBuilder out = new StringBuilder().append(packet.type().ordinal());
        if (packet.type() == SocketPacket.Type.BINARY_EVENT || packet.type() == SocketPacket.Type.BINARY_ACK) {
            out.append(packet.attachments()).append('-');
        }
        if (!"/".equals(packet.namespace())) {
            out.append(packet.namespace()).append(',');
        }
        if (packet.ackId() != null) {
            out.append(packet.ackId());
        }
        if (packet.data() != null) {
            try {
                out.append(JSON.writeValueAsString(packet.data()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** An event packet {@code ["name", ...args]}. */
    public static String event(String name, Object payload) {
        try {
            // written straight from the payload (a map, record or tree), without building a tree first
            return "2[" + JSON.writeValueAsString(name) + "," + JSON.writeValueAsString(payload) + "]";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTF-8 size of {@code text} over {@code limit}? Counts only when the length alone cannot tell. */
    public static boolean exceeds(String text, int limit) {
        if ((long) text.length() * 3 <= limit) {
            return false; // a UTF-16 unit is at most 3 bytes of UTF-8
        }
        return text.length() > limit || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limit;
    }

    /** An acknowledgement {@code 3<id>[reply]}. */
    public static String ack(long id, Object reply) {
        try {
            return "3" + id + "[" + JSON.writeValueAsString(reply) + "]";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the {@code {"_placeholder":true,"num":n}} objects with the attachments. */
    public static JsonNode reconstruct(JsonNode node, List<byte[]> attachments) {
        if (node instanceof ObjectNode object) {
            if (object.path("_placeholder").asBoolean(false) && object.path("num").canConvertToInt()) {
                int num = object.get("num").asInt();
                if (num < 0 || num >= attachments.size()) {
                    throw new EngineProtocolException("attachment placeholder out of range");
                }
                return BinaryNode.valueOf(attachments.get(num));
            }
            object.fields().forEachRemaining(field -> field.setValue(reconstruct(field.getValue(), attachments)));
        } else if (node instanceof ArrayNode array) {
            for (int k = 0; k < array.size(); k++) {
                array.set(k, reconstruct(array.get(k), attachments));
            }
        }
        return node;
    }

    private static void check(SocketPacket packet) {
        JsonNode data = packet.data();
        boolean valid = switch (packet.type()) {
            case CONNECT -> data == null || data.isObject();
            case DISCONNECT -> data == null;
            case CONNECT_ERROR -> data == null || data.isObject() || data.isTextual();
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty()
                    && (data.get(0).isTextual() || data.get(0).isNumber());
            case ACK, BINARY_ACK -> data != null && data.isArray() && packet.ackId() != null;
        };
        if (!valid) {
            throw new EngineProtocolException("invalid " + packet.type() + " payload");
        }
    }

    private static int parseCount(String digits) {
        try {
            int count = Integer.parseInt(digits);
            if (count < 0 || count > 64) {
                throw new EngineProtocolException("too many attachments");
            }
            return count;
        } catch (NumberFormatException e) {
            throw new EngineProtocolException("bad attachment count");
        }
    }
}
