package io.vtp.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ContainerSnifferTest {

    private static Optional<String> sniff(byte[] bytes) {
        byte[] head = Arrays.copyOf(bytes, ContainerSniffer.HEAD_BYTES);
        return ContainerSniffer.sniff(head, Math.min(bytes.length, ContainerSniffer.HEAD_BYTES));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] pad(byte[] start, int length) {
        return Arrays.copyOf(start, Math.max(length, start.length));
    }

    @Test
    void matroskaAndWebmByEbmlMagic() {
        assertEquals(Optional.of("matroska"), sniff(pad(hex("1A45DFA3 9F4286810142F7810142F2810442F381084282847765626D"), 64)));
    }

    @Test
    void mp4ByFtypAtOffsetFour() {
        assertEquals(Optional.of("mp4"), sniff(pad(hex("00000020 66747970 69736F6D 00000200"), 64)));
    }

    @Test
    void quickTimeWithoutFtyp() {
        assertEquals(Optional.of("mp4"), sniff(pad(hex("00000008 77696465 0000A000 6D646174"), 64)));
        assertEquals(Optional.of("mp4"), sniff(pad(hex("00001000 6D6F6F76 0000006C 6D766864"), 64)));
    }

    @Test
    void riffAviAndWave() {
        assertEquals(Optional.of("avi"), sniff(pad(ascii("RIFF\u0000\u0010\u0000\u0000AVI LIST"), 64)));
        assertEquals(Optional.of("wav"), sniff(pad(ascii("RIFF\u0024\u0008\u0000\u0000WAVEfmt "), 64)));
        assertEquals(Optional.empty(), sniff(pad(ascii("RIFF\u0024\u0008\u0000\u0000WEBPVP8 "), 64)), "a WebP picture");
    }

    @Test
    void oggFlvFlacAndMpegProgramStream() {
        assertEquals(Optional.of("ogg"), sniff(pad(ascii("OggS\u0000\u0002"), 64)));
        assertEquals(Optional.of("flv"), sniff(pad(hex("464C5601 05000000 09"), 64)));
        assertEquals(Optional.of("flac"), sniff(pad(hex("664C6143 00000022"), 64)));
        assertEquals(Optional.of("mpeg"), sniff(pad(hex("000001BA 44000400 0401"), 64)));
    }

    @Test
    void transportStreamNeedsSyncBytesAtZeroAnd188() {
        byte[] ts = new byte[2 * 188];
        ts[0] = 0x47;
        ts[188] = 0x47;
        assertEquals(Optional.of("mpegts"), sniff(ts));
        ts[188] = 0;
        assertEquals(Optional.empty(), sniff(ts), "one sync byte is a coincidence");
    }

    @Test
    void mp3ById3TagOrFrameSync() {
        assertEquals(Optional.of("mp3"), sniff(pad(ascii("ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000"), 64)));
        // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
        assertEquals(Optional.of("mp3"), sniff(pad(hex("FFFB9064"), 64)));
        // MPEG-2 layer III
        assertEquals(Optional.of("mp3"), sniff(pad(hex("FFF39064"), 64)));
        // a reserved version, a reserved layer, a bad bit rate, a reserved sample rate: not a frame
        assertEquals(Optional.empty(), sniff(pad(hex("FFE99064"), 64)), "reserved version");
        assertEquals(Optional.empty(), sniff(pad(hex("FFE19064"), 64)), "reserved layer");
        assertEquals(Optional.empty(), sniff(pad(hex("FFFBF064"), 64)), "bad bit rate index");
        assertEquals(Optional.empty(), sniff(pad(hex("FFFB9C64"), 64)), "reserved sample rate");
    }

    @Test
    void adtsAac() {
        assertEquals(Optional.of("aac"), sniff(pad(hex("FFF15080 2DFFFC"), 64)));
        assertEquals(Optional.of("aac"), sniff(pad(hex("FFF95080 2DFFFC"), 64)));
    }

    @Test
    void lookBehindAnId3Tag() {
        byte[] tagThenAdts = pad(hex("49443303 00000000 000A" + "00".repeat(10) + "FFF15080 2DFFFC"), 64);
        assertEquals(Optional.of("aac"), sniff(tagThenAdts));
        byte[] tagThenFlac = pad(hex("49443303 00000000 0002 0000" + "664C6143"), 64);
        assertEquals(Optional.of("flac"), sniff(tagThenFlac));
    }

    @Test
    void textPngZipAndNothingAreNotMedia() throws IOException {
        assertEquals(Optional.empty(), sniff(ascii("WEBVTT\n\n00:00.000 --> 00:01.000\nhello, this is not a video\n")));
        assertEquals(Optional.empty(), sniff(pad(hex("89504E47 0D0A1A0A 0000000D 49484452"), 64)));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("lecture.webm"));
            out.write(hex("1A45DFA3"));
            out.closeEntry();
        }
        assertEquals(Optional.empty(), sniff(zip.toByteArray()));
        assertEquals(Optional.empty(), ContainerSniffer.sniff(new byte[0], 0));
        assertEquals(Optional.empty(), ContainerSniffer.sniff(new byte[ContainerSniffer.HEAD_BYTES], 0));
        assertEquals(Optional.empty(), ContainerSniffer.sniff(hex("1A45DF"), 3), "three bytes are too few");
    }

    @Test
    void onlyTheValidBytesCount() {
        byte[] head = pad(ascii("OggS"), 64);
        assertEquals(Optional.empty(), ContainerSniffer.sniff(head, 2));
        assertThrows(IllegalArgumentException.class, () -> ContainerSniffer.sniff(head, 65));
        assertThrows(IllegalArgumentException.class, () -> ContainerSniffer.sniff(head, -1));
    }
}
