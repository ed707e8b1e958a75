package app.rapport.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/**
 * Encrypts mailbox passwords for the database with AES-256-GCM. The key never goes into the database: it comes
 * from {@code RAPPORT_SECRET_KEY} (base64 of 32 bytes) or, without it, from {@code <data>/keys/secret.key},
 * created on first use and readable by this user only.
 */
@Component
class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${rapport.secret-key:}") String configured, DataDirectory data) {
        byte[] bytes = configured != null && !configured.isBlank()
                ? decodeKey(configured.strip(), "rapport.secret-key (RAPPORT_SECRET_KEY)")
                : keyFile(data.resolve("keys").resolve("secret.key"));
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a password", e);
        }
    }

    String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("a stored password is not in a format this version can read");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored password cannot be decrypted with this key: was"
                    + " RAPPORT_SECRET_KEY or <data>/keys/secret.key changed? Enter the password again in Settings.", e);
        }
    }

    private static byte[] decodeKey(String base64, String where) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length != 32) {
                throw new IllegalArgumentException("it is " + bytes.length + " bytes long");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`): "
                    + e.getMessage(), e);
        }
    }

    private static byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Path tmp = Files.createTempFile(file.getParent(), "secret", ".tmp");
            // Readable by this user only, where the file system has POSIX permissions.
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }
}
