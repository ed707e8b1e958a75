package app.rapport.mailbox;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One flush of a whole file system ({@code syncfs}, through coreutils' {@code sync --file-system}): it makes every
 * file written there durable at once, where forcing each file would wait for the disk once per file. Where that
 * command is missing or refuses (not Linux, no coreutils), {@link #sync} says so and the caller forces its files
 * one by one.
 */
final class FileSystemSync {

    private static final Logger log = LoggerFactory.getLogger(FileSystemSync.class);

    private volatile boolean available = true;

    /** Flushes the file system holding {@code dir}; false when that cannot be done here (then nothing was promised). */
    boolean sync(Path dir) {
        if (!available) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("sync", "--file-system", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // No time limit: the files only count as stored once the flush is done, however long the disk takes.
            int exit = p.waitFor();
            if (exit == 0) {
                return true;
            }
            log.info("sync --file-system exited with {}; raw messages are forced to disk one by one", exit);
        } catch (IOException e) {
            log.info("sync --file-system is not available ({}); raw messages are forced to disk one by one",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing raw messages to disk", e);
        }
        available = false;
        return false;
    }
}
