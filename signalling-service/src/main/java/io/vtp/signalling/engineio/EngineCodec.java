package io.vtp.signalling.engineio;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO v4 packets: one packet per WebSocket frame (text: the type digit
 * then the data; binary frames are binary messages), and HTTP long-polling payloads of packets
 * separated by the record separator {@code \x1e}, binary messages there as {@code b} + base64.
 */
public final class EngineCodec {

    /** Separates the packets of a long-polling payload. */
    public static final char SEPARATOR = '\u001e';

    private EngineCodec() {
    }

    /** One text frame or payload part; throws for anything that is not a packet. */
    public static EnginePacket decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new EngineProtocolException("empty packet");
        }
        EnginePacket.Type type = EnginePacket.Type.of(encoded.charAt(0));
        if (type == null) {
            throw new EngineProtocolException("unknown packet type '" + printable(encoded.charAt(0)) + "'");
        }
        return new EnginePacket(type, encoded.substring(1), null);
    }

    /** A long-polling request body. */
    public static List<EnginePacket> decodePayload(String payload) {
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= payload.length()) {
            int end = payload.indexOf(SEPARATOR, start);
            String part = payload.substring(start, end < 0 ? payload.length() : end);
            packets.add(part.startsWith("b") ? binary(part) : decode(part));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return packets;
    }

    /** The text frame of a packet (a binary message goes out as a binary frame instead). */
    public static String encode(EnginePacket packet) {
        if (packet.isBinary()) {
            throw new IllegalArgumentException("a binary message is sent as a binary frame");
        }
        return packet.type().digit() + packet.text();
    }

    /** A long-polling response body. */
    public static String encodePayload(List<EnginePacket> packets) {
        StringBuilder out = new StringBuilder();
        for (EnginePacket packet : packets) {
            if (!out.isEmpty()) {
                out.append(SEPARATOR);
            }
            if (packet.isBinary()) {
                out.append('b').append(Base64.getEncoder().encodeToString(packet.binary()));
            } else {
                out.append(packet.type().digit()).append(packet.text());
            }
        }
        return out.toString();
    }

    private static EnginePacket binary(String part) {
        try {
            return EnginePacket.message(Base64.getDecoder().decode(part.substring(1)));
        } catch (IllegalArgumentException e) {
            throw new EngineProtocolException("binary packet is not base64");
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
