package app.rapport.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Mailbox accounts entered in the settings page, their passwords sealed by {@link SecretBox}. */
@Repository
public class StoredAccounts {

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;

    StoredAccounts(JdbcClient jdbc, SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    public List<MailAccount> all() {
        return jdbc.sql("select * from mail_accounts order by name").query(this::row).list();
    }

    public Optional<MailAccount> find(String name) {
        return jdbc.sql("select * from mail_accounts where name = ?").param(name).query(this::row).optional();
    }

    /** Saves the account; a blank password keeps the one stored before. */
    @Transactional
    public void save(MailAccount account) {
        Optional<MailAccount> before = find(account.name());
        String imapPassword = keep(account.imap().password(), before.map(a -> a.imap().password()));
        String smtpPassword = keep(account.smtp().password(), before.map(a -> a.smtp().password()));
        jdbc.sql("delete from mail_accounts where name = ?").param(account.name()).update();
        jdbc.sql("""
                insert into mail_accounts (name, address, imap_host, imap_port, imap_security, imap_user, imap_password,
                  smtp_host, smtp_port, smtp_security, smtp_user, smtp_password, trust_any_certificate, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(account.name(), account.address(), account.imap().host(), account.imap().port(),
                        account.imap().security().name(), account.imap().user(), secrets.seal(imapPassword),
                        account.smtp().host(), account.smtp().port(), account.smtp().security().name(),
                        account.smtp().user(), secrets.seal(smtpPassword), account.imap().trustAnyCertificate(),
                        Timestamp.from(Instant.now(clock)))
                .update();
    }

    /** Forgets a stored account; false when there was none by that name. */
    public boolean delete(String name) {
        return jdbc.sql("delete from mail_accounts where name = ?").param(name).update() > 0;
    }

    private static String keep(String entered, Optional<String> stored) {
        return entered != null && !entered.isEmpty() ? entered : stored.orElse(null);
    }

    private MailAccount row(ResultSet rs, int n) throws SQLException {
        boolean trust = rs.getBoolean("trust_any_certificate");
        var imap = new MailAccount.Endpoint(rs.getString("imap_host"), rs.getInt("imap_port"),
                MailAccount.Security.valueOf(rs.getString("imap_security")), rs.getString("imap_user"),
                secrets.open(rs.getString("imap_password")), trust);
        var smtp = new MailAccount.Endpoint(rs.getString("smtp_host"), rs.getInt("smtp_port"),
                MailAccount.Security.valueOf(rs.getString("smtp_security")), rs.getString("smtp_user"),
                secrets.open(rs.getString("smtp_password")), trust);
        return new MailAccount(rs.getString("name"), rs.getString("address"), imap, smtp);
    }
}
