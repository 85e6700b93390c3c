import java.security.MessageDigest;
import java.util.Locale;
import java.util.Random;

/**
 * A reference for bench/recording-bench.sh: the CPU time of one SHA-256 over a chunk of CHUNK_BYTES
 * (recording-service hashes every chunk it receives), on one thread, in whatever JVM this runs in. The
 * script runs it with the JIT options local mode gives the services (C1 only) and with the JVM's
 * defaults (C2), so the cost of the hash under either is measured, not assumed.
 *
 * <p>Usage: java [JVM options] Sha.java [CHUNK_BYTES=81920] [SECONDS=3]
 * <br>Hashes for one second to warm up, then for SECONDS; prints one line
 * "SHA chunk_bytes=... ms_per_chunk=... mb_per_s=... chunks=...".
 */
public class Sha {

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 81920;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        byte[] chunk = new byte[size];
        new Random(8).nextBytes(chunk);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long sink = 0;
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sink += sha.digest(chunk)[0];
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int n = 0;
        long now;
        do {
            sink += sha.digest(chunk)[0];
            n++;
        } while ((now = System.nanoTime()) < end);
        double elapsed = (now - start) / 1e9;
        System.out.printf(Locale.ROOT, "SHA chunk_bytes=%d ms_per_chunk=%.3f mb_per_s=%.1f chunks=%d (%d)%n",
                size, elapsed * 1000 / n, (double) size * n / 1e6 / elapsed, n, sink & 1);
    }
}
