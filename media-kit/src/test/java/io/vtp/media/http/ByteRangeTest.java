package io.vtp.media.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ByteRangeTest {

    @Test
    void rangesResolveAgainstTheLength() {
        assertEquals(new ByteRange(0, 10), partial("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 10), partial("bytes=90-", 100));
        assertEquals(new ByteRange(90, 10), partial("bytes=90-500", 100));
        assertEquals(new ByteRange(95, 5), partial("bytes=-5", 100));
        assertEquals(new ByteRange(0, 100), partial("bytes=-500", 100));
        assertEquals(new ByteRange(5, 1), partial("BYTES= 5-5", 100));
    }

    @Test
    void whatCannotBeServedIsUnsatisfiableAndWhatIsNotUnderstoodIsIgnored() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=100-", 100));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-0", 100));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=0-", 0));
        for (String ignored : new String[] {null, "", "items=0-1", "bytes=", "bytes=5", "bytes=9-5", "bytes=a-b",
                "bytes=0-1,3-4", "bytes=-", "bytes=99999999999999999999-"}) {
            assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(ignored, 100), String.valueOf(ignored));
        }
    }

    private static ByteRange partial(String header, long size) {
        return ((ByteRange.Partial) ByteRange.parse(header, size)).range();
    }
}
