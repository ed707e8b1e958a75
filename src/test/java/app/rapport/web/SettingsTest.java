package app.rapport.web;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.rapport.mailbox.StoredAccounts;
import app.rapport.support.LoopTest;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest extends LoopTest {

    @Autowired
    StoredAccounts stored;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    app.rapport.mailbox.MailAccounts accounts;

    /** A saved mailbox is read at once; the other tests of this shared app must not meet these ones. */
    @org.junit.jupiter.api.AfterEach
    void stopReadingTheSavedMailbox() {
        accounts.remove("settings");
    }

    private Map<String, String> demoMailbox(String password) {
        Map<String, String> form = new HashMap<>();
        form.put("address", SHOP);
        form.put("imapHost", "127.0.0.1");
        form.put("imapPort", Integer.toString(mailServer.imapPort()));
        form.put("imapSecurity", "NONE");
        form.put("imapUser", SHOP);
        form.put("imapPassword", password);
        form.put("smtpHost", "127.0.0.1");
        form.put("smtpPort", Integer.toString(mailServer.smtpPort()));
        form.put("smtpSecurity", "NONE");
        form.put("smtpUser", "");
        form.put("smtpPassword", "");
        return form;
    }

    @Test
    void testingTheConnectionReportsWhatEachServerSaid() {
        WebSession web = signedIn();
        WebSession.Page settings = web.get("/settings");

        WebSession.Page result = web.submit(settings, "form.settings-form", demoMailbox("demo-mailbox"),
                "button.secondary");

        assertThat(result.html().select(".check-result.ok").text()).contains("Both servers answered")
                .contains("IMAP: signed in to 127.0.0.1").contains("SMTP: connected to 127.0.0.1");
    }

    @Test
    void aWrongPasswordIsReportedInPlainWords() {
        WebSession web = signedIn();

        WebSession.Page result = web.submit(web.get("/settings"), "form.settings-form", demoMailbox("not-it"),
                "button.secondary");

        assertThat(result.html().select(".check-result.problem").text()).contains("did not work")
                .contains("IMAP: the mail server rejected the user name or password");
    }

    @Test
    void aSavedPasswordIsEncryptedSoADatabaseDumpRevealsNothing() {
        WebSession web = signedIn();
        Map<String, String> form = demoMailbox("a-very-distinctive-password");

        WebSession.Page saved = web.submit(web.get("/settings"), "form.settings-form", form, null);

        assertThat(saved.html().select(".flash.notice").text()).contains("stored encrypted");
        assertThat(stored.find("settings")).hasValueSatisfying(a ->
                assertThat(a.imap().password()).isEqualTo("a-very-distinctive-password"));
        assertThat(dumpOfEveryTable()).contains(SHOP).doesNotContain("a-very-distinctive-password");
    }

    @Test
    void aLineBreakInASettingIsRefusedAndNothingIsSaved() {
        WebSession web = signedIn();
        Map<String, String> form = demoMailbox("pw");
        form.put("imapHost", "imap.example\r\nX-Injected: 1");

        WebSession.Page result = web.submit(web.get("/settings"), "form.settings-form", form, null);

        assertThat(result.html().select(".flash.error").text()).contains("line breaks").contains("Nothing was saved");
    }

    /** Every row of every table as text: what a database dump would reveal, on H2 and PostgreSQL alike. */
    private String dumpOfEveryTable() {
        StringBuilder dump = new StringBuilder();
        for (String table : jdbc.sql("select table_name from information_schema.tables"
                + " where lower(table_schema) = lower(current_schema()) and upper(table_type) in ('TABLE', 'BASE TABLE')")
                .query(String.class).list()) {
            jdbc.sql("select * from " + table).query().listOfRows().forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }
}
