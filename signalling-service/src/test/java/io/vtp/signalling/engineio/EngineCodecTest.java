package io.vtp.signalling.engineio;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCodecTest {

    @Test
    void decodesEveryPacketType() {
        assertEquals(new EnginePacket(EnginePacket.Type.PING, "probe", null), EngineCodec.decode("2probe"));
        assertEquals(EnginePacket.message("hello €"), EngineCodec.decode("4hello €"));
        assertEquals(new EnginePacket(EnginePacket.Type.UPGRADE, "", null), EngineCodec.decode("5"));
        assertEquals(EnginePacket.Type.NOOP, EngineCodec.decode("6").type());
    }

    @Test
    void refusesWhatIsNotAPacket() {
        for (String bad : new String[] {"", "abc", "7", "9x", "\u0000", "-1"}) {
            assertThrows(EngineProtocolException.class, () -> EngineCodec.decode(bad), bad);
        }
        assertThrows(EngineProtocolException.class, () -> EngineCodec.decodePayload("4ok\u001ebnot base64!"));
        assertThrows(EngineProtocolException.class, () -> EngineCodec.decodePayload("4ok\u001e\u001e4x"), "an empty part");
    }

    @Test
    void payloadsRoundTripWithBinary() {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001ebAQIDBA==\u001e2");
        assertEquals(3, packets.size());
        assertEquals("hello", packets.get(0).text());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, packets.get(1).binary());
        assertEquals(EnginePacket.Type.PING, packets.get(2).type());
        assertEquals("4hello\u001ebAQIDBA==\u001e2", EngineCodec.encodePayload(packets));
    }

    @Test
    void binaryMessagesAreNotTextFrames() {
        assertThrows(IllegalArgumentException.class, () -> EngineCodec.encode(EnginePacket.message(new byte[] {1})));
        assertEquals("4x", EngineCodec.encode(EnginePacket.message("x")));
        assertTrue(EnginePacket.message(new byte[] {1}).toString().contains("1 bytes"));
    }
}
