package app.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/**
 * {@code backup [DIR]}: one zip that holds everything needed to bring Rapport back: the H2 database (a consistent
 * copy made by H2's {@code BACKUP TO}), every raw message, and the secrets beside them (the owner's password
 * file, keys). The search index is left out: it is rebuilt from the rest at start. The zip's layout is the data
 * directory's, so restoring is unpacking it into an empty data directory.
 */
@Component
class BackupCommand implements Command {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    // derived or rewritten on start: the index is rebuilt, the database comes from BACKUP TO
    private static final List<String> LEFT_OUT = List.of("db", "index");

    private final DataDirectory data;
    private final DataSource dataSource;
    private final Clock clock;

    BackupCommand(DataDirectory data, DataSource dataSource, Clock clock) {
        this.data = data;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String summary() {
        return "write the database, raw messages and keys into one zip";
    }

    @Override
    public String usage() {
        return """
                Usage: backup [DIR]

                Writes DIR/rapport-backup-YYYYMMDD-HHMMSS.zip (DIR defaults to the current directory) with the
                H2 database, every raw message and the owner's password and keys. The search index is not
                included: Rapport rebuilds it at start.
                Run it while Rapport is stopped (the embedded database allows one process at a time).
                Restore: stop Rapport, unpack the zip into an empty data directory, start Rapport.
                With PostgreSQL, the zip holds the files only: back the database up with pg_dump.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() > 1) {
            err.println("backup takes at most one argument, the directory to write to.\n\n" + usage());
            return 2;
        }
        Path dir = Path.of(args.isEmpty() ? "." : args.getFirst()).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path target = dir.resolve("rapport-backup-" + LocalDateTime.now(clock).format(STAMP) + ".zip");
        Path partial = Files.createTempFile(dir, "rapport-backup-", ".partial");
        Path h2 = Files.createTempFile(dir, "rapport-db-", ".zip");
        try {
            // the database first: every message row it holds has its raw file on disk already
            boolean embedded = backupH2(h2);
            if (!embedded) {
                out.println("The database is not the embedded H2 one: back it up with pg_dump (see README,"
                        + " 'Backup and restore'). This zip holds the raw messages and keys.");
            }
            List<Path> files = filesToKeep(target, partial, h2);
            ProgressBar bar = ProgressBar.on(out, "files");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                if (embedded) {
                    copyEntries(h2, zip);
                }
                int done = 0;
                for (Path file : files) {
                    zip.putNextEntry(new ZipEntry(data.root().relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                    bar.update(++done, files.size());
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            bar.finish("backup written to " + target + " (" + (embedded ? "database and " : "") + files.size()
                    + " files)");
            return 0;
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(h2);
        }
    }

    /** Writes H2's own consistent backup of the database to {@code zip}; false when the database is not H2. */
    private boolean backupH2(Path zip) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!"H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
            }
            return true;
        }
    }

    private List<Path> filesToKeep(Path... exclude) throws IOException {
        List<Path> excluded = Stream.of(exclude).map(p -> p.toAbsolutePath().normalize()).toList();
        try (Stream<Path> walk = Files.walk(data.root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !LEFT_OUT.contains(data.root().relativize(p).getName(0).toString()))
                    .filter(p -> !excluded.contains(p.toAbsolutePath().normalize()))
                    .filter(p -> !p.getFileName().toString().endsWith(".tmp")
                            && !p.getFileName().toString().endsWith(".partial"))
                    .sorted().toList();
        }
    }

    private static void copyEntries(Path h2Backup, ZipOutputStream zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(h2Backup))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry("db/" + e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
