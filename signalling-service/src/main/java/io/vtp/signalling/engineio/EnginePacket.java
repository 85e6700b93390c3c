package io.vtp.signalling.engineio;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO v4 packet: a type and either text or binary data (binary only for messages).
 *
 * @see <a href="https://github.com/socketio/engine.io-protocol">the Engine.IO protocol</a>
 */
public record EnginePacket(Type type, String text, byte[] binary) {

    /** Packet types and their wire digits. */
    public enum Type {
        OPEN('0'), CLOSE('1'), PING('2'), PONG('3'), MESSAGE('4'), UPGRADE('5'), NOOP('6');

        private final char digit;

        Type(char digit) {
            this.digit = digit;
        }

        public char digit() {
            return digit;
        }

        static Type of(char digit) {
            int index = digit - '0';
            return index >= 0 && index < values().length ? values()[index] : null;
        }
    }

    public static final EnginePacket PING = new EnginePacket(Type.PING, "", null);
    public static final EnginePacket NOOP = new EnginePacket(Type.NOOP, "", null);
    public static final EnginePacket CLOSE = new EnginePacket(Type.CLOSE, "", null);

    public EnginePacket {
        Objects.requireNonNull(type);
        if (binary == null && text == null) {
            text = "";
        }
    }

    public static EnginePacket message(String text) {
        return new EnginePacket(Type.MESSAGE, text, null);
    }

    public static EnginePacket message(byte[] binary) {
        return new EnginePacket(Type.MESSAGE, null, binary);
    }

    public boolean isBinary() {
        return binary != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnginePacket p && p.type == type && Objects.equals(p.text, text)
                && Arrays.equals(p.binary, binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text, Arrays.hashCode(binary));
    }

    @Override
    public String toString() {
        return type + (isBinary() ? "<" + binary.length + " bytes>" : "(" + text + ")");
    }
}
