package io.vtp.streaming.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the movie fragments ({@code moof} + {@code mdat}) of a CMAF segment, far enough to find each
 * fragment's first sample: in a ladder made with a fragment per keyframe that is the I-frame an
 * {@code EXT-X-I-FRAMES-ONLY} playlist points at (ISO/IEC 14496-12 boxes tfhd and trun; offsets
 * relative to the moof, as CMAF requires).
 */
public final class Fragments {

    /**
     * One fragment: where its moof starts, how many bytes from there up to the end of its first
     * sample, and its length in the track's time units.
     */
    public record Fragment(long offset, long iframeLength, long duration) {
    }

    private static final int MAX_BOX_HEADER = 16;

    private Fragments() {
    }

    public static List<Fragment> read(Path segment) throws IOException {
        List<Fragment> fragments = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            while (pos + 8 <= size) {
                ByteBuffer header = read(ch, pos, (int) Math.min(MAX_BOX_HEADER, size - pos));
                long boxSize = Integer.toUnsignedLong(header.getInt());
                String type = type(header.getInt());
                int headerLength = 8;
                if (boxSize == 1) {
                    boxSize = header.getLong();
                    headerLength = 16;
                } else if (boxSize == 0) {
                    boxSize = size - pos;
                }
                if (boxSize < headerLength || pos + boxSize > size) {
                    throw new IOException("malformed box " + type + " at " + pos);
                }
                if (type.equals("moof")) {
                    if (boxSize > 16 * 1024 * 1024) {
                        throw new IOException("moof too large");
                    }
                    ByteBuffer moof = read(ch, pos + headerLength, (int) (boxSize - headerLength));
                    fragments.add(fragment(pos, moof));
                }
                pos += boxSize;
            }
        }
        return fragments;
    }

    private static Fragment fragment(long moofOffset, ByteBuffer moof) throws IOException {
        ByteBuffer traf = child(moof, "traf");
        if (traf == null) {
            throw new IOException("moof without traf");
        }
        ByteBuffer tfhd = child(traf.duplicate(), "tfhd");
        ByteBuffer trun = child(traf.duplicate(), "trun");
        if (tfhd == null || trun == null) {
            throw new IOException("traf without tfhd or trun");
        }
        int tfhdFlags = tfhd.getInt() & 0xFFFFFF;
        tfhd.getInt(); // track id
        if ((tfhdFlags & 0x01) != 0) {
            tfhd.getLong();
        }
        if ((tfhdFlags & 0x02) != 0) {
            tfhd.getInt();
        }
        long defaultDuration = (tfhdFlags & 0x08) != 0 ? Integer.toUnsignedLong(tfhd.getInt()) : 0;
        long defaultSize = (tfhdFlags & 0x10) != 0 ? Integer.toUnsignedLong(tfhd.getInt()) : 0;

        int trunFlags = trun.getInt() & 0xFFFFFF;
        long count = Integer.toUnsignedLong(trun.getInt());
        long dataOffset = (trunFlags & 0x01) != 0 ? trun.getInt() : 0;
        if ((trunFlags & 0x04) != 0) {
            trun.getInt();
        }
        long firstSize = -1;
        long duration = 0;
        for (long i = 0; i < count; i++) {
            long d = (trunFlags & 0x100) != 0 ? Integer.toUnsignedLong(trun.getInt()) : defaultDuration;
            long s = (trunFlags & 0x200) != 0 ? Integer.toUnsignedLong(trun.getInt()) : defaultSize;
            if ((trunFlags & 0x400) != 0) {
                trun.getInt();
            }
            if ((trunFlags & 0x800) != 0) {
                trun.getInt();
            }
            if (i == 0) {
                firstSize = s;
            }
            duration += d;
        }
        if (count == 0 || firstSize <= 0 || dataOffset <= 0) {
            throw new IOException("fragment without a first sample");
        }
        return new Fragment(moofOffset, dataOffset + firstSize, duration);
    }

    /** The payload of the first child box of {@code type} (after its header), or null. */
    private static ByteBuffer child(ByteBuffer parent, String type) {
        ByteBuffer b = parent.duplicate();
        while (b.remaining() >= 8) {
            int start = b.position();
            long size = Integer.toUnsignedLong(b.getInt());
            String t = type(b.getInt());
            if (size < 8 || start + size > b.limit()) {
                return null;
            }
            if (t.equals(type)) {
                ByteBuffer payload = b.duplicate();
                payload.limit((int) (start + size));
                return payload.slice();
            }
            b.position((int) (start + size));
        }
        return null;
    }

    private static ByteBuffer read(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, pos + buffer.position()) < 0) {
                throw new IOException("unexpected end of segment");
            }
        }
        return buffer.flip();
    }

    private static String type(int code) {
        return new String(new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code},
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
