package app.rapport;

/**
 * The build's preparation of the commands' context (Spring's AOT engine, in the package phase; see
 * {@code CommandLine}). While it runs, what depends on the running machine's settings (their check, the mailbox
 * accounts) stays out: the settings are those of the machine that builds.
 */
public final class AheadOfTime {

    private AheadOfTime() {
    }

    /** Whether this run is the build preparing the context (the engine sets {@code spring.aot.processing}). */
    public static boolean preparing() {
        return Boolean.getBoolean("spring.aot.processing");
    }
}
