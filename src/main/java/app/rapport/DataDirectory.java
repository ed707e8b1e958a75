package app.rapport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The one directory that holds everything Rapport stores: database, raw messages, index, secrets. */
@Component
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${rapport.data-dir}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root
                    + " (set RAPPORT_DATA_DIR to a writable place)", e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-directory of the data directory, created when missing. */
    public Path resolve(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
