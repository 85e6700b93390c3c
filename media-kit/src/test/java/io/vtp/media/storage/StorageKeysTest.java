package io.vtp.media.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StorageKeysTest {

    /** Keys that must be refused by every method, whatever the store. */
    static final List<String> UNSAFE_KEYS = List.of(
            "raw/../../etc/passwd", "..%2f..%2fetc%2fpasswd", "raw/..%2f..%2fx", "raw/x/../../y", "../x", "..",
            ".", "./raw/x", "raw/./x", "/etc/passwd", "/raw/x", "raw\\..\\..\\x", "raw/x\u0000.txt",
            "raw/x\n", "raw/\u0007", "", "raw//x", "raw/x/", "raw/x y", "raw/\u00fc", "raw/x?y", "raw/x%00",
            "a".repeat(513));

    /** Prefixes that must be refused by list and deletePrefix. */
    static final List<String> UNSAFE_PREFIXES = List.of(
            "", "/", "raw", "/raw/", "../", "raw/../", "raw/../../", "raw//", "./", "raw\\", "raw/\u0000/");

    @Test
    void acceptsOrdinaryKeys() {
        for (String key : List.of("raw/42/source.webm", "renditions/42/720p/seg-00001.m4s", "a", "a.b-c_d/E9",
                "raw/x/..y", "raw/.hidden", "a".repeat(512))) {
            assertEquals(key, StorageKeys.check(key));
        }
    }

    @Test
    void refusesUnsafeKeys() {
        for (String key : UNSAFE_KEYS) {
            assertThrows(IllegalArgumentException.class, () -> StorageKeys.check(key), key);
        }
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.check(null));
    }

    @Test
    void prefixesEndWithASlash() {
        assertEquals("raw/42/", StorageKeys.prefix("raw/42/"));
        assertEquals("raw/", StorageKeys.prefix("raw/"));
        for (String prefix : UNSAFE_PREFIXES) {
            assertThrows(IllegalArgumentException.class, () -> StorageKeys.prefix(prefix), prefix);
        }
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.prefix(null));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.prefix("a".repeat(512) + "/"));
    }

    @Test
    void messagesDoNotEchoControlCharacters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageKeys.check("raw/\u001b[2J"));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }
}
