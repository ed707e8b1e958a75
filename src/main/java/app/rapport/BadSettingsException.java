package app.rapport;

import java.util.List;

/**
 * Settings Rapport cannot start with. Each problem names the setting, its environment variable and what is wrong,
 * in words meant for the person who set it; {@link SettingsFailureAnalyzer} prints them instead of a stack trace.
 */
public class BadSettingsException extends RuntimeException {

    private final List<Problem> problems;

    public BadSettingsException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One wrong setting: {@code rapport.mail.poll-interval} (RAPPORT_MAIL_POLL_INTERVAL) is "-5s": … */
    public record Problem(String setting, String value, String whatIsWrong) {

        public String environmentVariable() {
            return setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        @Override
        public String toString() {
            return setting + " (" + environmentVariable() + ")"
                    + (value == null ? "" : " is '" + value + "'") + ": " + whatIsWrong;
        }
    }

    private static String describe(List<Problem> problems) {
        StringBuilder text = new StringBuilder(problems.size() == 1 ? "A setting is wrong:"
                : problems.size() + " settings are wrong:");
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }
}
