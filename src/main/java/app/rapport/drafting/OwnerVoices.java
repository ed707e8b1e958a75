package app.rapport.drafting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The owner's voice, kept in the database; until the owner sets it, it follows {@code rapport.owner.*}. */
@Repository
public class OwnerVoices {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OwnerProfile owner;

    OwnerVoices(JdbcClient jdbc, Clock clock, OwnerProfile owner) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.owner = owner;
    }

    public OwnerVoice current() {
        return jdbc.sql("select greeting, sign_off, signature from owner_voice where id = 1")
                .query((rs, n) -> new OwnerVoice(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional().orElseGet(this::defaults);
    }

    public OwnerVoice defaults() {
        return new OwnerVoice("Hello", "Best wishes from {place},", owner.firstName() + "\n" + owner.shop());
    }

    @Transactional
    public OwnerVoice save(String greeting, String signOff, String signature) {
        String g = oneLine(greeting, "greeting", 100);
        String s = oneLine(signOff, "sign-off", 200);
        String sig = signature == null ? "" : signature.replace("\r\n", "\n").strip();
        if (sig.isEmpty() || sig.length() > 1000) {
            throw new IllegalArgumentException("the signature needs between 1 and 1000 characters");
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        int n = jdbc.sql("update owner_voice set greeting = ?, sign_off = ?, signature = ?, updated_at = ? where id = 1")
                .params(g, s, sig, now).update();
        if (n == 0) {
            jdbc.sql("insert into owner_voice (id, greeting, sign_off, signature, updated_at) values (1, ?, ?, ?, ?)")
                    .params(g, s, sig, now).update();
        }
        return current();
    }

    private static String oneLine(String value, String what, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("the " + what + " needs between 1 and " + max + " characters");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the " + what + " must be a single line");
        }
        return value.strip();
    }
}
