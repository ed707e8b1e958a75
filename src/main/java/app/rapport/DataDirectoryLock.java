package app.rapport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * One Rapport process per data directory: taken before the database is opened and held until the process ends.
 * A second process waits up to {@code rapport.lock-wait} (default 2 minutes), then refuses with a clear message,
 * so two syncs started by cron at the same moment run one after the other instead of failing or racing.
 */
public final class DataDirectoryLock implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    // Held for the life of the process; the operating system releases it when the process ends, even on kill -9.
    private static FileLock held;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Path dir = Path.of(event.getEnvironment().getProperty("rapport.data-dir", "./data")).toAbsolutePath().normalize();
        Duration wait = event.getEnvironment().getProperty("rapport.lock-wait", Duration.class, Duration.ofMinutes(2));
        acquire(dir, wait);
    }

    static synchronized void acquire(Path dir, Duration wait) {
        if (held != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve("rapport.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.err.println("Waiting for another Rapport process that uses " + dir + " to finish…");
            }
            while (lock == null && System.nanoTime() < deadline) {
                Thread.sleep(200);
                lock = channel.tryLock();
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another Rapport process (the server or a command) is using the data"
                        + " directory " + dir + "; stop it or try again when it has finished");
            }
            held = lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the data directory " + dir, e);
        }
    }
}
