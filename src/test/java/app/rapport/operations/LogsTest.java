package app.rapport.operations;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The log tells what happened, in plain words, and never what customers wrote or anyone's password. */
@ExtendWith(OutputCaptureExtension.class)
class LogsTest extends LoopTest {

    @Test
    void theWholeLoopLogsWhatHappenedWithoutBodiesOrPasswords(CapturedOutput output) throws Exception {
        String customer = "petra.lang@bodensee.example";
        String secretSentence = "my door code is 4711 and the spare key is under the geranium pot";
        Mails.send(mailServer.smtpPort(), customer, "Petra Lang", SHOP, "Boots for the winter",
                "Hello Clara,\n\n" + secretSentence + ", in case the parcel comes while I am out.\n\nPetra",
                "petra.1@bodensee.example", null);
        WebSession web = signedIn();
        WebSession.Page inbox = await().until(() -> web.get("/inbox"),
                p -> p.html().select(".row .who").eachText().contains("Petra Lang"));
        String link = inbox.html().expectFirst(".row:has(.who:containsOwn(Petra Lang))").attr("href");
        WebSession.Page conversation = web.get(link);
        String draft = conversation.html().expectFirst("textarea[name=text]").wholeText();
        String ownSentence = "The winter boots are resoled with a studded rubber sole";
        web.submit(conversation, "form.editor", Map.of("text", draft + "\n" + ownSentence + ".\n"), "button.primary");
        await().until(() -> Arrays.stream(mailServer.greenMail().getReceivedMessages())
                .anyMatch(m -> recipients(m).contains(customer)));
        await().until(() -> output.getAll().contains("sent to conversation"));

        String log = output.getAll();
        assertThat(log).contains("Fetched", "Drafted reply", "queued", "sent to conversation");
        assertThat(log).doesNotContain("door code", "geranium", "studded rubber sole", draft.lines().findFirst().orElseThrow());
        assertThat(log).doesNotContain(PASSWORD, "demo-mailbox");
    }

    private static String recipients(jakarta.mail.internet.MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (Exception e) {
            return "";
        }
    }
}
