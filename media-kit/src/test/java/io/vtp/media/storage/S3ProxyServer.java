package io.vtp.media.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server in this JVM for tests: s3proxy on a free port, keeping its objects in a
 * temporary directory (not on the heap) that is deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start();
 *      MediaStore store = new S3MediaStore(s3.config("recordings"))) { ... }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "access";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "secret-key-1234";

    private final S3Proxy proxy;
    private final Path directory;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, Path directory) {
        this.proxy = proxy;
        this.directory = directory;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * Starts a server and waits until it accepts requests.
     *
     * @return the running server
     * @throws Exception when it does not start within 10 seconds
     */
    public static S3ProxyServer start() throws Exception {
        Path directory = Files.createTempDirectory("s3proxy");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy, directory);
    }

    /** @return the server's URL, {@code http://127.0.0.1:port} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the access key */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** @return the secret key */
    public String secretKey() {
        return SECRET_KEY;
    }

    /**
     * A store configuration for a bucket on this server, which the store creates if missing;
     * default part size.
     *
     * @param bucket the bucket
     * @return the configuration
     */
    public S3Config config(String bucket) {
        return config(bucket, S3Config.DEFAULT_PART_SIZE);
    }

    /**
     * @param bucket the bucket, created by the store if missing
     * @param partSizeBytes the multipart part size
     * @return the configuration
     */
    public S3Config config(String bucket, long partSizeBytes) {
        return new S3Config(endpoint, bucket, "us-east-1", ACCESS_KEY, SECRET_KEY, true, true, partSizeBytes);
    }

    /** @return a new SDK client for this server, for what the store does not offer; the caller closes it */
    public S3Client client() {
        return S3MediaStore.buildClient(config("unused"));
    }

    /** Stops the server and deletes its objects. */
    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
