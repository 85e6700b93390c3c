package io.vtp.media.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The contract against s3proxy in this JVM, with 5 MiB parts and listing pages of two keys. */
class S3MediaStoreTest extends MediaStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Client client;

    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        client = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected MediaStore newStore() throws IOException {
        bucket = "media-" + BUCKETS.incrementAndGet();
        return new S3MediaStore(server.config(bucket, 5 * MIB), 2);
    }

    @Override
    protected void assertNoPartialWrites() {
        assertEquals(List.of(), openUploads());
    }

    @Override
    protected List<String> probeArguments() {
        return List.of("s3", server.endpoint().toString(), bucket, server.accessKey(), server.secretKey());
    }

    @Test
    void openMultipartUploadsAreVisible() {
        // The control for assertNoPartialWrites: s3proxy does report uploads that are left open.
        String id = client.createMultipartUpload(b -> b.bucket(bucket).key("raw/r1/open")).uploadId();
        try {
            assertEquals(List.of("raw/r1/open"), openUploads().stream().map(MultipartUpload::key).toList());
        } finally {
            client.abortMultipartUpload(b -> b.bucket(bucket).key("raw/r1/open").uploadId(id));
        }
        assertEquals(List.of(), openUploads());
    }

    @Test
    void noLocalFile() throws IOException {
        store.put("raw/r1/a", new ByteArrayInputStream(new byte[] {1}), null);
        assertTrue(store.localFile("raw/r1/a").isEmpty());
        assertEquals("s3", store.kind());
    }

    @Test
    void contentTypeDefaultsToOctetStream() throws IOException {
        StoredObject put = store.put("raw/r1/untyped", new ByteArrayInputStream(new byte[] {1}), null);
        assertEquals("application/octet-stream", put.contentType());
        assertEquals("application/octet-stream", store.stat("raw/r1/untyped").orElseThrow().contentType());
    }

    @Test
    void multipartEtagsAreReportedAsS3ReportsThem() throws IOException {
        StoredObject put = store.put("raw/r1/parts", new PatternInputStream(11 * MIB, 1), "video/webm");
        StoredObject stat = store.stat("raw/r1/parts").orElseThrow();
        assertEquals(stat.etag(), put.etag());
        assertEquals("video/webm", stat.contentType());
        String head = client.headObject(b -> b.bucket(bucket).key("raw/r1/parts")).eTag();
        assertEquals(head, "\"" + stat.etag() + "\"");
    }

    @Test
    void anExistingBucketIsReused() throws IOException {
        store.put("raw/r1/a", new ByteArrayInputStream(new byte[] {1}), null);
        try (MediaStore again = new S3MediaStore(server.config(bucket))) {
            assertEquals(List.of("raw/r1/a"), keys(again.list("raw/")));
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAMissingObject() throws IOException {
        S3Config cfg = new S3Config(server.endpoint(), "no-such-bucket", null, S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true, false, 0);
        try (MediaStore missing = new S3MediaStore(cfg)) {
            IOException open = assertThrows(IOException.class, () -> missing.open("raw/r1/a"));
            assertFalse(open instanceof ObjectNotFoundException, open.toString());
            assertThrows(IOException.class, () -> missing.put("raw/r1/a", new ByteArrayInputStream(new byte[1]), null));
            assertThrows(IOException.class, () -> missing.list("raw/"));
        }
    }

    @Test
    void wrongCredentialsAreAnIOException() throws IOException {
        S3Config cfg = new S3Config(server.endpoint(), bucket, null, S3ProxyServer.ACCESS_KEY, "wrong-secret",
                true, false, 0);
        try (MediaStore wrong = new S3MediaStore(cfg)) {
            assertThrows(IOException.class, () -> wrong.stat("raw/r1/a"));
        }
    }

    @Test
    void configHidesTheSecretAndChecksItsValues() {
        S3Config cfg = server.config("b");
        assertFalse(cfg.toString().contains(S3ProxyServer.SECRET_KEY), cfg.toString());
        assertEquals(S3Config.DEFAULT_PART_SIZE, new S3Config(null, "b", null, null, null, true, false, 0).partSizeBytes());
        assertEquals("us-east-1", new S3Config(null, "b", " ", null, null, true, false, 0).region());
        assertThrows(IllegalArgumentException.class, () -> new S3Config(null, "b", null, null, null, true, false, MIB));
        assertThrows(IllegalArgumentException.class, () -> new S3Config(null, "b", null, "a", null, true, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new S3Config(null, " ", null, null, null, true, false, 0));
    }

    @Test
    void aDownloadCutShortIsAnError() throws Exception {
        // A server that announces 100 bytes, sends 50 and closes the connection.
        HttpServer cutting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cutting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"abc\"");
            exchange.getResponseHeaders().add("Content-Type", "video/webm");
            exchange.sendResponseHeaders(200, 100);
            try (exchange) {
                exchange.getResponseBody().write(new byte[50]);
            } catch (IOException expected) {
                // "insufficient bytes written": the server closes the connection
            }
        });
        cutting.start();
        S3Config cfg = new S3Config(URI.create("http://127.0.0.1:" + cutting.getAddress().getPort()), "b", null,
                "a", "s", true, false, 0);
        try (MediaStore store = new S3MediaStore(cfg)) {
            IOException whole = assertThrows(IOException.class, () -> StreamAssertions.readAll(store.open("raw/r1/a")));
            assertTrue(whole.getMessage().contains("50 of 100"), whole.getMessage());
            assertThrows(IOException.class, () -> StreamAssertions.readAll(store.open("raw/r1/a", 0, 100)));
        } finally {
            cutting.stop(0);
        }
    }

    private List<MultipartUpload> openUploads() {
        return client.listMultipartUploads(b -> b.bucket(bucket)).uploads();
    }
}
