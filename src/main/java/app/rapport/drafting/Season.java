package app.rapport.drafting;

import java.time.LocalDate;

/**
 * A time of year the owner writes to recent customers about: holiday greetings, a summer sale.
 *
 * @param title    the note's subject line
 * @param startsOn the first day notes are suggested
 * @param endsOn   the last day notes are suggested
 * @param message  what the owner wants to say, in their words; the note wraps it in greeting and sign-off
 */
public record Season(long id, String title, LocalDate startsOn, LocalDate endsOn, String message) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
