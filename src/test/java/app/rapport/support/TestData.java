package app.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A fresh data directory per test context. */
public final class TestData {

    private TestData() {
    }

    public static String freshDirectory(String name) {
        try {
            return Files.createTempDirectory("rapport-" + name + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
