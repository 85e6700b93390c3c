package io.vtp.auth.security;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;
import io.vtp.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RS256 key that signs access tokens, and the public keys published in the JWKS.
 *
 * <p>The private key is read from {@code vtp.auth.keys.signing-key-file} (a Kubernetes Secret in
 * the cluster). In local mode ({@code generate-if-missing}) a key is generated on first start and
 * persisted there, so tokens survive restarts. Public keys of previous signing keys stay in the
 * JWKS during a rotation so that tokens they signed still verify everywhere.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey signingKey;
    private final String keyId;
    private final List<Map<String, Object>> jwks;

    public SigningKeys(AuthConfig config) {
        Path file = config.keys().signingKeyFile();
        this.signingKey = loadOrGenerate(file, config.keys().generateIfMissing());
        RSAPublicKey publicKey = publicKeyOf(signingKey);
        this.keyId = thumbprint(publicKey);
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(jwk(publicKey, keyId));
        for (Path previous : config.keys().previousPublicKeyFiles().orElse(List.of())) {
            RSAPublicKey key = (RSAPublicKey) readPublic(previous);
            keys.add(jwk(key, thumbprint(key)));
        }
        this.jwks = List.copyOf(keys);
        LOG.infof("Signing access tokens with key %s; JWKS publishes %d key(s)", keyId, jwks.size());
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    /** The {@code kid} of the current signing key (its RFC 7638 thumbprint). */
    public String keyId() {
        return keyId;
    }

    /** The JWK set: {@code {"keys": [...]}}. */
    public Map<String, Object> jwks() {
        return Map.of("keys", jwks);
    }

    private static PrivateKey loadOrGenerate(Path file, boolean generateIfMissing) {
        try {
            if (Files.exists(file)) {
                return KeyUtils.decodePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
            }
            if (!generateIfMissing) {
                throw new IllegalStateException("Signing key file " + file + " does not exist. Mount the key"
                        + " (PKCS#8 PEM) there, or set vtp.auth.keys.generate-if-missing=true in local mode.");
            }
            KeyPair pair = KeyUtils.generateKeyPair(2048);
            writePrivate(file, pair.getPrivate());
            LOG.infof("Generated a new signing key in %s", file);
            return pair.getPrivate();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + file + " is not an RSA PKCS#8 PEM key", e);
        }
    }

    private static void writePrivate(Path file, PrivateKey key) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "signing-key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static java.security.PublicKey readPublic(Path file) {
        try {
            return KeyUtils.decodePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read previous public key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Previous public key " + file + " is not an RSA PEM public key", e);
        }
    }

    private static RSAPublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The signing key must be an RSA key");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jwk(RSAPublicKey key, String kid) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(key.getModulus().toByteArray()));
        jwk.put("e", unsigned(key.getPublicExponent().toByteArray()));
        return jwk;
    }

    /** RFC 7638 JWK thumbprint (SHA-256, base64url) of an RSA public key. */
    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent().toByteArray())
                + "\",\"kty\":\"RSA\",\"n\":\"" + unsigned(key.getModulus().toByteArray()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return B64URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(byte[] twosComplement) {
        int start = twosComplement.length > 1 && twosComplement[0] == 0 ? 1 : 0;
        byte[] magnitude = java.util.Arrays.copyOfRange(twosComplement, start, twosComplement.length);
        return B64URL.encodeToString(magnitude);
    }
}
