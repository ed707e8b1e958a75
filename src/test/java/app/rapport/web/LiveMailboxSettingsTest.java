package app.rapport.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.customers.Customers;
import app.rapport.mailbox.MailAccounts;
import app.rapport.support.Dovecot;
import app.rapport.support.LoopTest;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A mailbox entered in the settings page is read at once, and read with its new settings after a change. */
class LiveMailboxSettingsTest extends LoopTest {

    private static Dovecot dovecot;

    @Autowired
    Customers customers;

    @Autowired
    MailAccounts accounts;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry metrics;

    @org.junit.jupiter.api.AfterEach
    void stopReadingTheSavedMailbox() {
        accounts.remove("settings");
    }

    @BeforeAll
    static void startDovecot() {
        dovecot = Dovecot.startOrSkip("frontdesk", "backdesk");
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private Map<String, String> dovecotMailbox(String user) {
        Map<String, String> form = new HashMap<>();
        form.put("address", user + "@rapport.test");
        form.put("imapHost", "127.0.0.1");
        form.put("imapPort", Integer.toString(dovecot.imapPort()));
        form.put("imapSecurity", "NONE");
        form.put("imapUser", user);
        form.put("imapPassword", Dovecot.PASSWORD);
        form.put("smtpHost", "127.0.0.1");
        form.put("smtpPort", Integer.toString(mailServer.smtpPort()));
        form.put("smtpSecurity", "NONE");
        form.put("smtpUser", "");
        form.put("smtpPassword", "");
        return form;
    }

    private void deliver(String user, String from, String id) {
        dovecot.deliver(user, "INBOX", Dovecot.message(id, from, user + "@rapport.test", "Boots, please", "Hello!"));
    }

    private void awaitCustomer(String address) {
        await().until(() -> customers.findByAddress(address), Optional::isPresent);
    }

    @Test
    void aMailboxSavedInSettingsIsReadAtOnceAndAChangeTakesEffectWithoutARestart() {
        deliver("frontdesk", "Rosa Vogt <rosa.vogt@live-settings.example>", "rosa.1@live-settings.example");
        deliver("backdesk", "Sami Kett <sami.kett@live-settings.example>", "sami.1@live-settings.example");
        WebSession web = signedIn();

        WebSession.Page saved = web.submit(web.get("/settings"), "form.settings-form", dovecotMailbox("frontdesk"), null);

        assertThat(saved.html().select(".flash.notice").text()).contains("reads this mailbox now");
        awaitCustomer("rosa.vogt@live-settings.example");
        await().untilAsserted(() -> assertThat(web.get("/status").html().select("article.account").eachText())
                .anySatisfy(a -> assertThat(a).startsWith("settings").doesNotContain("not yet")
                        .contains("Last problem none")));
        assertThat(web.get("/settings").html().select(".settings .meta strong").eachText())
                .contains("frontdesk@rapport.test (127.0.0.1)");
        await().untilAsserted(() -> assertThat(tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(web.get("/actuator/health").html().body().text())
                .path("components").path("mailboxes").path("components").path("settings").path("status").asString())
                .isEqualTo("UP"));
        assertThat(metrics.get("rapport.mailbox.sync.lag").tag("account", "settings").gauge().value())
                .isBetween(0.0, 60.0);

        WebSession.Page changed = web.submit(web.get("/settings"), "form.settings-form", dovecotMailbox("backdesk"), null);

        assertThat(changed.html().select(".flash").text()).contains("reads this mailbox now");
        assertThat(accounts.find("settings")).hasValueSatisfying(a -> assertThat(a.imap().user()).isEqualTo("backdesk"));
        awaitCustomer("sami.kett@live-settings.example");
        deliver("backdesk", "Tove Lind <tove.lind@live-settings.example>", "tove.1@live-settings.example");
        awaitCustomer("tove.lind@live-settings.example");
        deliver("frontdesk", "Uli Brand <uli.brand@live-settings.example>", "uli.1@live-settings.example");
        WebSession.Page removed = web.submit(web.get("/settings"), "form.remove-mailbox", Map.of(), null);

        assertThat(removed.html().select(".flash.notice").text()).contains("no longer reads");
        assertThat(accounts.find("settings")).isEmpty();
        assertThat(web.get("/status").html().select("article.account h3").eachText()).doesNotContain("settings");
        assertThat(web.get("/actuator/health").html().body().text()).doesNotContain("\"settings\"");
        assertThat(metrics.find("rapport.mailbox.sync.lag").tag("account", "settings").gauge()).isNull();
        assertThat(customers.findByAddress("uli.brand@live-settings.example"))
                .as("the first mailbox is no longer read after the change").isEmpty();
    }
}
