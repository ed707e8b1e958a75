package app.rapport.mailbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Hashes {
    private static final OpenSslDigest OPENSSL = OpenSslDigest.instance().orElse(null);

    private Hashes() {
    }

    /** The SHA-256 of the bytes in lower-case hex; by OpenSSL where it can (see {@link OpenSslDigest}). */
    static String sha256(byte[] bytes) {
        byte[] digest = OPENSSL != null && bytes.length <= OpenSslDigest.MAX_LENGTH
                ? OPENSSL.sha256(bytes)
                : sha256Digest().digest(bytes);
        return HexFormat.of().formatHex(digest);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
