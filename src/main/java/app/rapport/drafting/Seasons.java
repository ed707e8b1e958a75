package app.rapport.drafting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The seasons the owner set for seasonal notes. */
@Repository
public class Seasons {

    private final JdbcClient jdbc;
    private final Clock clock;

    Seasons(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every season, the soonest first. */
    public List<Season> all() {
        return jdbc.sql("select id, title, starts_on, ends_on, message from note_seasons order by starts_on, id")
                .query((rs, n) -> new Season(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), rs.getString(5)))
                .list();
    }

    public Optional<Season> find(long id) {
        return all().stream().filter(s -> s.id() == id).findFirst();
    }

    /** The seasons that include this day. */
    List<Season> covering(LocalDate day) {
        return all().stream().filter(s -> s.covers(day)).toList();
    }

    /**
     * Adds a season.
     *
     * @throws InvalidDraftException in plain words when a field is missing or the dates are the wrong way round
     */
    public Season add(String title, LocalDate startsOn, LocalDate endsOn, String message) {
        String t = Drafts.requireSingleLine(title);
        if (t.length() > 200) {
            throw new InvalidDraftException("The title is too long: at most 200 characters.");
        }
        if (startsOn == null || endsOn == null) {
            throw new InvalidDraftException("A season needs a first and a last day.");
        }
        if (endsOn.isBefore(startsOn)) {
            throw new InvalidDraftException("The last day comes before the first day.");
        }
        if (message == null || message.isBlank()) {
            throw new InvalidDraftException("Write what you want to tell your customers.");
        }
        if (message.length() > 4000) {
            throw new InvalidDraftException("The message is too long: at most 4000 characters.");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into note_seasons (title, starts_on, ends_on, message, created_at) values (?, ?, ?, ?, ?)")
                .params(t, Date.valueOf(startsOn), Date.valueOf(endsOn), message.strip(), Timestamp.from(Instant.now(clock)))
                .update(key, "id");
        return new Season(key.getKey().longValue(), t, startsOn, endsOn, message.strip());
    }

    /** Removes a season; notes already suggested for it stay where they are. */
    public void remove(long id) {
        jdbc.sql("delete from note_seasons where id = ?").param(id).update();
    }
}
