package app.rapport.drafting;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.customers.Customers;
import app.rapport.support.LoopTest;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notes for the occasions customers told about, at the right time, and the owner's seasonal notes to recent
 * customers, both within the discretion rules. The mail is dated years back and the notes are looked for at those
 * times, so other tests' customers (writing today) are neither recent nor due here, and ours are not due for theirs.
 */
class OccasionAndSeasonNotesTest extends LoopTest {

    @Autowired
    ProactiveNotes notes;

    @Autowired
    Drafts drafts;

    @Autowired
    Customers customers;

    private long sendOn(String at, String from, String name, String subject, String text) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(mailServer.smtpPort()));
        String messageId = from.replace("@", ".") + "." + at.hashCode() + "@notes.example";
        MimeMessage m = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        m.setFrom(new InternetAddress(from, name, "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(SHOP));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(Date.from(Instant.parse(at)));
        m.setText(text, "UTF-8");
        Transport.send(m);
        // The owner has dealt with the reply draft (here: set it aside), so no open draft holds the note back.
        Draft reply = await().until(() -> openDraftFor(from), d -> d != null);
        return reply.replyToMessageId();
    }

    private Draft openDraftFor(String address) {
        return drafts.open(0, 1000).stream().filter(d -> d.toAddress().equals(address)).findFirst().orElse(null);
    }

    private void setAside(String address) {
        drafts.discard(openDraftFor(address).id());
    }

    private static List<Draft> to(List<Long> ids, Drafts drafts, String address) {
        return ids.stream().map(drafts::expect).filter(d -> d.toAddress().equals(address)).toList();
    }

    @Test
    void aBirthdayWithItsDateGetsOneNoteTwoDaysBeforeButNothingToldInConfidenceSensitiveOrToWhoOptedOut() throws Exception {
        long birthdayMail = sendOn("2022-03-01T12:00:00Z", "ines.moll@tuebingen.example", "Ines Moll", "Boots for my birthday",
                "Hello! My birthday is on 14 March and I would love the Alder boots for it. Do you have them in 39?");
        setAside("ines.moll@tuebingen.example");
        sendOn("2022-03-01T12:05:00Z", "lea.brandt@ulm.example", "Lea Brandt", "Shoes for a wedding",
                "Between you and me, our wedding is on 5 March, so please keep it quiet. Do you make white shoes?");
        setAside("lea.brandt@ulm.example");
        sendOn("2022-03-01T12:10:00Z", "tom.reuss@jena.example", "Tom Reuss", "Slippers",
                "I am very ill, and on 9 March I have an operation, so I need warm slippers. Do you make them?");
        setAside("tom.reuss@jena.example");
        sendOn("2022-03-01T12:15:00Z", "piet.vos@delft.example", "Piet Vos", "Birthday shoes",
                "My birthday is on 14 March. Do you ship to Delft? Please do not contact me with offers.");
        setAside("piet.vos@delft.example");

        assertThat(notes.suggest(Instant.parse("2022-03-06T12:00:00Z"))).as("too early for the birthday")
                .noneMatch(id -> drafts.expect(id).toAddress().equals("ines.moll@tuebingen.example"));
        List<Long> due = notes.suggest(Instant.parse("2022-03-12T12:00:00Z"));

        List<Draft> forInes = to(due, drafts, "ines.moll@tuebingen.example");
        assertThat(forInes).hasSize(1);
        Draft note = forInes.getFirst();
        assertThat(note.template()).isEqualTo("birthday-note");
        assertThat(note.text()).startsWith("Hello Ines,").contains("your birthday is on 14 March").contains("happy birthday");
        assertThat(note.html()).contains("14 March");
        DraftBasis basis = drafts.basis(note.id());
        assertThat(basis.optionalNote()).isTrue();
        assertThat(basis.touches()).singleElement().satisfies(t -> {
            assertThat(t.messageId()).as("the touch links to the email the birthday was read from").isEqualTo(birthdayMail);
            assertThat(note.text()).contains(t.text());
        });
        assertThat(due).extracting(id -> drafts.expect(id).toAddress())
                .as("told in confidence, illness, asked not to be contacted")
                .doesNotContain("lea.brandt@ulm.example", "tom.reuss@jena.example", "piet.vos@delft.example");

        drafts.discard(note.id());
        assertThat(notes.suggest(Instant.parse("2022-03-13T12:00:00Z"))).as("one note per occasion, even when discarded")
                .noneMatch(id -> drafts.expect(id).toAddress().equals("ines.moll@tuebingen.example"));
    }

    @Test
    void aSeasonTheOwnerSetsGivesEachRecentCustomerOneNoteWithinTheDiscretionRules() throws Exception {
        WebSession web = signedIn();
        WebSession.Page page = web.get("/notes");
        WebSession.Page refused = web.submit(page, "form.season", Map.of("title", "Winter resoling 2023",
                "startsOn", "2023-11-30", "endsOn", "2023-11-01", "message", "Resoling is 20% off."), null);
        assertThat(refused.html().select(".flash.error").text()).contains("last day comes before the first day");
        WebSession.Page saved = web.submit(web.get("/notes"), "form.season", Map.of("title", "Winter resoling 2023",
                "startsOn", "2023-11-15", "endsOn", "2023-11-30",
                "message", "Until the end of November, resoling any pair from the workshop is 20% off.\n\nJust send them in."), null);
        assertThat(saved.html().select("ul.seasons li").eachText()).anyMatch(t -> t.contains("Winter resoling 2023"));

        sendOn("2023-10-01T10:00:00Z", "mara.koch@konstanz.example", "Mara Koch", "Resoling my boots",
                "Hello, thank you for the boots, they are perfect. Can you resole them next year?");
        setAside("mara.koch@konstanz.example");
        sendOn("2022-12-01T10:00:00Z", "jon.lund@bergen.example", "Jon Lund", "Long ago",
                "Hello, do you still make the Birch loafer?");
        setAside("jon.lund@bergen.example");
        sendOn("2023-10-05T10:00:00Z", "ulla.fink@graz.example", "Ulla Fink", "One question",
                "Do you make ankle boots? Please do not contact me with newsletters or offers.");
        setAside("ulla.fink@graz.example");
        sendOn("2023-10-03T10:00:00Z", "ben.hart@basel.example", "Ben Hart", "Laces",
                "Hello, could I order spare laces for my derbies?");
        sendOn("2023-10-02T10:00:00Z", "kai.roth@lindau.example", "Kai Roth", "Birthday pair",
                "My birthday is on 12 November, and I would like a pair of the Alder boots. Is size 44 possible?");
        setAside("kai.roth@lindau.example");

        List<Long> kaiBirthday = to(notes.suggest(Instant.parse("2023-11-10T12:00:00Z")), drafts, "kai.roth@lindau.example")
                .stream().map(Draft::id).toList();
        assertThat(kaiBirthday).hasSize(1);
        drafts.discard(kaiBirthday.getFirst());

        List<Long> due = notes.suggest(Instant.parse("2023-11-20T12:00:00Z"));

        Draft mara = to(due, drafts, "mara.koch@konstanz.example").getFirst();
        assertThat(mara.template()).isEqualTo("season-note");
        assertThat(mara.subject()).isEqualTo("Winter resoling 2023");
        assertThat(mara.text()).startsWith("Hello Mara,")
                .contains("resoling any pair from the workshop is 20% off.\n\nJust send them in.");
        assertThat(mara.html()).contains("<p>Just send them in.</p>");
        assertThat(due).extracting(id -> drafts.expect(id).toAddress())
                .as("not recent, opted out, a draft still open, a note in the quiet period")
                .doesNotContain("jon.lund@bergen.example", "ulla.fink@graz.example", "ben.hart@basel.example",
                        "kai.roth@lindau.example");

        setAside("ben.hart@basel.example");
        List<Long> later = notes.suggest(Instant.parse("2023-11-21T12:00:00Z"));
        assertThat(to(later, drafts, "ben.hart@basel.example")).as("once the owner dealt with the open draft").hasSize(1);
        assertThat(to(later, drafts, "mara.koch@konstanz.example")).as("one note per season").isEmpty();
        assertThat(notes.suggest(Instant.parse("2023-12-02T12:00:00Z"))).as("the season is over")
                .noneMatch(id -> drafts.expect(id).toAddress().equals("jon.lund@bergen.example"));
        assertThat(web.get("/notes").html().select("ul.notes a").eachText())
                .anyMatch(t -> t.equals("mara.koch@konstanz.example · season-note"));
    }
}
