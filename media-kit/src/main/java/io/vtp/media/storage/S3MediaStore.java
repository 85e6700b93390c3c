package io.vtp.media.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link MediaStore} in a bucket of an S3-compatible object store, through the AWS SDK's
 * synchronous client over {@code HttpURLConnection}.
 *
 * <p>An upload reads the stream into a part buffer that grows up to the part size. A stream that
 * ends within the first part is written with one PUT; a longer one with a multipart upload, one
 * part in memory at a time, which is aborted when anything fails, so that no partial object is
 * ever completed. Buckets should still carry a lifecycle rule that aborts incomplete multipart
 * uploads, for the process that dies mid-upload.
 *
 * <p>Failures of the SDK are reported as {@link IOException}s; an absent key on {@link #open} as
 * {@link ObjectNotFoundException}. Objects written without a content type get
 * {@code application/octet-stream}. Keys in the bucket that {@link StorageKeys} would refuse (written
 * by other tools) are left out of {@link #list} but deleted by {@link #deletePrefix}.
 */
public final class S3MediaStore implements MediaStore {

    private static final int MAX_PARTS = 10_000;
    private static final int FIRST_BUFFER = 256 * 1024;
    private static final int DELETE_BATCH = 1000;
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final long OPEN_ENDED_RANGE = 1L << 50;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final int listPageSize;

    /**
     * Builds the client and, when the configuration asks for it, creates the bucket if it is missing.
     *
     * @param cfg where and how to connect
     * @throws IOException when the bucket cannot be checked or created
     */
    public S3MediaStore(S3Config cfg) throws IOException {
        this(cfg, 1000);
    }

    /** With a smaller listing page, so that tests can see pagination with few objects. */
    S3MediaStore(S3Config cfg, int listPageSize) throws IOException {
        this.bucket = cfg.bucket();
        this.partSize = Math.toIntExact(cfg.partSizeBytes());
        this.listPageSize = listPageSize;
        this.s3 = buildClient(cfg);
        if (cfg.createBucket()) {
            try {
                createBucketIfMissing(cfg.region());
            } catch (IOException | RuntimeException e) {
                s3.close();
                throw e;
            }
        }
    }

    /**
     * The SDK client this store uses, built from a configuration: {@code HttpURLConnection}
     * transport, path-style addressing as configured, static keys or the default chain.
     *
     * @param cfg where and how to connect
     * @return a new client, which the caller closes
     */
    public static S3Client buildClient(S3Config cfg) {
        AwsCredentialsProvider credentials = cfg.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(cfg.accessKey(), cfg.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(cfg.region()))
                .forcePathStyle(cfg.pathStyle())
                .credentialsProvider(credentials)
                // Checksums only where S3 demands them: since SDK 2.30 every upload otherwise carries
                // a CRC trailer that several S3-compatible services do not accept.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (cfg.endpoint() != null) {
            builder.endpointOverride(cfg.endpoint());
        }
        return builder.build();
    }

    @Override
    public StoredObject put(String key, InputStream data, String contentType) throws IOException {
        StorageKeys.check(key);
        Objects.requireNonNull(data, "data");
        String type = contentType == null ? DEFAULT_TYPE : contentType;
        PartBuffer part = new PartBuffer(FIRST_BUFFER, partSize);
        part.fill(data);
        if (part.ended()) {
            try {
                String etag = s3.putObject(b -> b.bucket(bucket).key(key).contentType(type)
                        .contentLength((long) part.length()), body(part)).eTag();
                return written(key, part.length(), etag, type);
            } catch (SdkException e) {
                throw failure("put", key, e);
            }
        }
        return putMultipart(key, part, data, type);
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) throws IOException {
        StorageKeys.check(key);
        try (InputStream in = Files.newInputStream(file)) {
            return put(key, in, contentType);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        StorageKeys.check(key);
        try {
            return Optional.of(stored(key, s3.headObject(b -> b.bucket(bucket).key(key))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        StorageKeys.check(key);
        try {
            return checked(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (SdkException e) {
            throw failure("open", key, e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        StorageKeys.check(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        if (length == 0) {
            if (stat(key).isEmpty()) {
                throw new ObjectNotFoundException(key);
            }
            return InputStream.nullInputStream();
        }
        long last = offset + length - 1;
        // An end far past any object is left open: s3proxy, for one, mishandles bytes=1-(2^63-1).
        String range = last < offset || last >= OPEN_ENDED_RANGE
                ? "bytes=" + offset + "-"
                : "bytes=" + offset + "-" + last;
        try {
            return checked(s3.getObject(b -> b.bucket(bucket).key(key).range(range)));
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the object exists, the range starts at or past its end
            }
            throw failure("open", key, e);
        } catch (SdkException e) {
            throw failure("open", key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> out = new ArrayList<>();
        for (S3Object o : listAll(prefix)) {
            if (StorageKeys.isValid(o.key())) {
                out.add(new StoredObject(o.key(), o.size(), o.lastModified(), unquote(o.eTag()), null));
            }
        }
        out.sort(Comparator.comparing(StoredObject::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        StorageKeys.check(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        List<ObjectIdentifier> all = new ArrayList<>();
        for (S3Object o : listAll(prefix)) {
            all.add(ObjectIdentifier.builder().key(o.key()).build());
        }
        int deleted = 0;
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            DeleteObjectsResponse r;
            try {
                r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw failure("delete", prefix, e);
            }
            if (!r.errors().isEmpty()) {
                S3Error first = r.errors().get(0);
                throw new IOException("s3 delete under " + prefix + ": " + r.errors().size()
                        + " objects not deleted, first " + first.key() + ": " + first.code() + " " + first.message());
            }
            deleted += batch.size();
        }
        return deleted;
    }

    @Override
    public Optional<Path> localFile(String key) {
        StorageKeys.check(key);
        return Optional.empty();
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public void close() {
        s3.close();
    }

    // --- uploads

    private StoredObject putMultipart(String key, PartBuffer part, InputStream data, String type) throws IOException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(type)).uploadId();
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            while (part.length() > 0) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw new IOException("object under " + key + " is longer than " + MAX_PARTS
                            + " parts of " + partSize + " bytes");
                }
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) part.length()), body(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += part.length();
                if (part.ended()) {
                    break;
                }
                part.fill(data);
            }
            String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag();
            return written(key, size, etag, type);
        } catch (Throwable t) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                t.addSuppressed(e);
            }
            if (t instanceof SdkException e) {
                throw failure("put", key, e);
            }
            throw t;
        }
    }

    /** Reports a body cut short as an error rather than as the end of the object. */
    private static InputStream checked(ResponseInputStream<GetObjectResponse> in) {
        Long length = in.response().contentLength();
        return length == null ? in : new LengthCheckedInputStream(in, length);
    }

    /** The part's bytes, without a copy; the SDK may read them more than once (signing, retries). */
    private static RequestBody body(PartBuffer part) {
        byte[] bytes = part.bytes();
        int length = part.length();
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, DEFAULT_TYPE);
    }

    /** Describes an object just written, from a HEAD unless another write replaced it meanwhile. */
    private StoredObject written(String key, long size, String etag, String type) throws IOException {
        String tag = unquote(etag);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            if (tag == null || tag.equals(unquote(head.eTag()))) {
                return stored(key, head);
            }
        } catch (SdkException e) {
            if (tag == null) {
                throw failure("stat", key, e);
            }
        }
        return new StoredObject(key, size, Instant.now(), tag, type);
    }

    // --- helpers

    private List<S3Object> listAll(String prefix) throws IOException {
        StorageKeys.prefix(prefix);
        List<S3Object> out = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(listPageSize))
                    .contents().forEach(out::add);
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
        return out;
    }

    private void createBucketIfMissing(String region) throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            // create it below
        } catch (SdkException e) {
            if (!(e instanceof S3Exception s) || s.statusCode() != 404) {
                throw failure("check bucket", bucket, e);
            }
        }
        try {
            s3.createBucket(b -> {
                b.bucket(bucket);
                if (!"us-east-1".equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // created meanwhile
        } catch (SdkException e) {
            throw failure("create bucket", bucket, e);
        }
    }

    private static StoredObject stored(String key, HeadObjectResponse head) {
        return new StoredObject(key, head.contentLength(), head.lastModified(), unquote(head.eTag()), head.contentType());
    }

    private static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    private static IOException failure(String operation, String key, SdkException e) {
        if (e instanceof NoSuchKeyException) {
            return new ObjectNotFoundException(key, e);
        }
        return new IOException("s3 " + operation + " " + key + " failed: " + e.getMessage(), e);
    }
}
