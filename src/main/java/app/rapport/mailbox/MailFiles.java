package app.rapport.mailbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/** The two mail file formats Rapport imports: Maildir directories and mbox files. */
public final class MailFiles {

    private MailFiles() {
    }

    /** The message files of a Maildir ({@code cur/} and {@code new/}), in name order; a plain directory works too. */
    public static List<Path> maildir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        List<Path> files = new ArrayList<>();
        List<Path> sources = Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"))
                ? List.of(dir.resolve("cur"), dir.resolve("new")) : List.of(dir);
        for (Path source : sources) {
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> list = Files.list(source)) {
                list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + source, e);
            }
        }
        return files;
    }

    /**
     * The messages of an mbox file, one at a time (the file is never loaded whole). The "From " separator line is
     * dropped and {@code >From } quoting (mboxrd and mboxo) is undone.
     */
    public static Iterator<byte[]> mbox(InputStream in) {
        Iterator<MboxMessage> messages = mbox(in, Long.MAX_VALUE, null);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return messages.hasNext();
            }

            @Override
            public byte[] next() {
                return messages.next().bytes();
            }
        };
    }

    /**
     * One message of an mbox file: its bytes, or, for a message larger than the limit it was read with, the file
     * it was written to instead (then {@code bytes} is null).
     */
    public record MboxMessage(byte[] bytes, Path file, long size) {
    }

    /**
     * As {@link #mbox(InputStream)}, but a message that grows past {@code spillOver} bytes goes on into a file of
     * its own in {@code spillDir} instead of memory: a message of any size is read with little memory. The files
     * are the caller's to delete.
     */
    public static Iterator<MboxMessage> mbox(InputStream in, long spillOver, Path spillDir) {
        BufferedInputStream input = new BufferedInputStream(in, 1 << 16);
        return new Iterator<>() {
            private boolean started;
            private byte[] pending;
            private boolean previousBlank = true;
            private MboxMessage next = advance();

            private MboxMessage advance() {
                Collector message = new Collector(spillOver, spillDir);
                try (message) {
                    while (true) {
                        byte[] line = readLine(input);
                        if (line == null) {
                            return message.finish();
                        }
                        if (startsWith(line, "From ") && (!started || previousBlank)) {
                            if (message.any()) {
                                pending = line;
                                return message.finish();
                            }
                            started = true;
                            continue;
                        }
                        started = true;
                        previousBlank = line.length == 0 || line.length == 1 && line[0] == '\r' || isBlank(line);
                        int skip = quotedFrom(line) ? 1 : 0;
                        message.write(line, skip, line.length - skip);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the mbox file", e);
                }
            }

            private byte[] readLine(BufferedInputStream in) throws IOException {
                if (pending != null) {
                    byte[] p = pending;
                    pending = null;
                    return p;
                }
                ByteArrayOutputStream line = new ByteArrayOutputStream(128);
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                }
                if (b == -1 && line.size() == 0) {
                    return null;
                }
                return line.toByteArray();
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public MboxMessage next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                MboxMessage current = next;
                previousBlank = true;
                next = advance();
                return current;
            }
        };
    }

    /** The lines of one mbox message, in memory until they pass the limit, then in a file. */
    private static final class Collector implements java.io.Closeable {
        private final long spillOver;
        private final Path spillDir;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path file;
        private java.io.OutputStream out;
        private long size;
        private boolean done;

        Collector(long spillOver, Path spillDir) {
            this.spillOver = spillOver;
            this.spillDir = spillDir;
        }

        boolean any() {
            return size > 0;
        }

        void write(byte[] line, int from, int length) throws IOException {
            if (file == null && size + length + 1 > spillOver) {
                file = Files.createTempFile(spillDir, "mbox-message", ".eml");
                out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                memory.writeTo(out);
                memory = null;
            }
            java.io.OutputStream target = file == null ? memory : out;
            target.write(line, from, length);
            target.write('\n');
            size += length + 1;
        }

        /** The message read, or null when there was none. */
        MboxMessage finish() throws IOException {
            done = true;
            if (size == 0) {
                return null;
            }
            if (file == null) {
                return new MboxMessage(memory.toByteArray(), null, size);
            }
            out.close();
            return new MboxMessage(null, file, size);
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
            if (!done && file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * The header section of a message read from the stream: the bytes up to and including the first empty line,
     * at most {@code max} of them (a header section longer than that is cut there).
     */
    public static byte[] headerSection(InputStream in, int max) throws IOException {
        BufferedInputStream input = new BufferedInputStream(in, 1 << 16);
        ByteArrayOutputStream header = new ByteArrayOutputStream(8192);
        int previous = -1;
        int beforePrevious = -1;
        int b;
        while (header.size() < max && (b = input.read()) != -1) {
            header.write(b);
            if (b == '\n' && (previous == '\n' || previous == '\r' && beforePrevious == '\n')) {
                break;
            }
            beforePrevious = previous;
            previous = b;
        }
        return header.toByteArray();
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean quotedFrom(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return i > 0 && line.length - i >= 5 && startsWith(java.util.Arrays.copyOfRange(line, i, i + 5), "From ");
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
