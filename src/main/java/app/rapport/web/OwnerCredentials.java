package app.rapport.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/**
 * The owner's login. The password comes from {@code RAPPORT_OWNER_PASSWORD}; without it one is generated at the
 * first start and kept in {@code <data>/owner-password} (readable by this user only) so it stays the same.
 */
@Component
class OwnerCredentials {

    static final String USERNAME = "owner";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final String password;
    private final boolean generated;
    private final Path file;

    OwnerCredentials(@Value("${rapport.owner.password:}") String configured, DataDirectory data) {
        this.file = data.root().resolve("owner-password");
        if (configured != null && !configured.isBlank()) {
            this.password = configured;
            this.generated = false;
        } else {
            this.password = readOrCreate(file);
            this.generated = true;
        }
    }

    String username() {
        return USERNAME;
    }

    String password() {
        return password;
    }

    /** How to tell the owner their login at start, without repeating a password they chose themselves. */
    String describe() {
        return generated
                ? "user '" + USERNAME + "', password '" + password + "' (generated; kept in " + file
                        + "; set RAPPORT_OWNER_PASSWORD to choose your own)"
                : "user '" + USERNAME + "' with the password from RAPPORT_OWNER_PASSWORD";
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            SecureRandom random = new SecureRandom();
            StringBuilder pw = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            Path tmp = Files.createTempFile(file.getParent(), "owner-password", ".tmp");
            // Readable by this user only, where the file system has POSIX permissions.
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, pw + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return pw.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the owner's password in " + file, e);
        }
    }
}
