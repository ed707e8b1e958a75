package app.rapport.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress bar for long commands: {@code [#########-----------]  45%  4,500 of 10,000 messages  12 s left}.
 * On a terminal it redraws one line in place (at most ten times a second); in a log (no terminal) it prints a
 * new line at each tenth, so the output stays readable.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String unit;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long started;
    private long lastDrawn;
    private int lastTenth = -1;
    private int lastLength;

    ProgressBar(PrintStream out, String unit, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.unit = unit;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastDrawn = started - REDRAW_NANOS;
    }

    static ProgressBar on(PrintStream out, String unit) {
        return new ProgressBar(out, unit, out == System.out && terminal(), System::nanoTime);
    }

    private static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        // Java 22+ may hand out a console for redirected output too; only its isTerminal() tells them apart
        try {
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    void update(int done, int total) {
        long now = nanoTime.getAsLong();
        if (terminal) {
            if (done < total && now - lastDrawn < REDRAW_NANOS) {
                return;
            }
            lastDrawn = now;
            String line = line(done, total, now);
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            int tenth = total == 0 ? 10 : (int) ((long) done * 10 / total);
            if (tenth == lastTenth) {
                return;
            }
            lastTenth = tenth;
            out.println(line(done, total, now));
        }
        out.flush();
    }

    /** Ends the bar's line with a summary, e.g. {@code indexed 10,000 messages in 14.2 s}. */
    void finish(String summary) {
        double seconds = (nanoTime.getAsLong() - started) / 1e9;
        out.printf("%s%s in %.1f s%n", terminal ? "\r" + " ".repeat(lastLength) + "\r" : "", summary, seconds);
    }

    String line(int done, int total, long now) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder line = new StringBuilder("[").append("#".repeat(filled)).append("-".repeat(WIDTH - filled))
                .append(String.format("] %3d%%  %,d of %,d %s", (int) Math.floor(fraction * 100), done, total, unit));
        double elapsed = (now - started) / 1e9;
        if (done > 0 && done < total && elapsed >= 1) {
            long left = Math.round(elapsed / done * (total - done));
            line.append(left >= 60 ? String.format("  %d min %d s left", left / 60, left % 60)
                    : String.format("  %d s left", left));
        }
        return line.toString();
    }
}
