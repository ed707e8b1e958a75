package app.rapport.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The demo's embedded IMAP and SMTP server. Mail sent through its SMTP port to any address is delivered into
 * that address's mailbox on the same server, so approved replies can be looked at as the customer gets them.
 */
public class DemoMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);
    private static final Pattern DAYS_AGO = Pattern.compile("\\{\\{days-ago (\\d+) (\\d{1,2}):(\\d{2})}}");

    private final GreenMail greenMail;
    private final DemoSettings settings;

    DemoMailServer(DemoSettings settings) {
        this.settings = settings;
        ServerSetup imap = new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        ServerSetup smtp = new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (settings.imapPort() == 0) {
            imap = imap.dynamicPort();
        }
        if (settings.smtpPort() == 0) {
            smtp = smtp.dynamicPort();
        }
        greenMail = new GreenMail(new ServerSetup[] {imap, smtp});
        greenMail.start();
        greenMail.setUser(settings.address(), settings.address(), settings.password());
        // Like a real mailbox, the demo one has a Sent folder, where Rapport files the replies it sends.
        try {
            GreenMailUser shop = greenMail.getUserManager().getUser(settings.address());
            greenMail.getManagers().getImapHostManager().createMailbox(shop, "Sent");
        } catch (Exception e) {
            throw new IllegalStateException("could not create the demo Sent folder", e);
        }
        log.info("Demo mail server running: IMAP 127.0.0.1:{}, SMTP 127.0.0.1:{}, mailbox {}", imapPort(), smtpPort(),
                settings.address());
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /** Puts the sample mail into the shop's INBOX and Sent folders, dated relative to now. */
    void seed(Clock clock) {
        try {
            GreenMailUser shop = greenMail.getUserManager().getUser(settings.address());
            ImapHostManager folders = greenMail.getManagers().getImapHostManager();
            MailFolder inbox = folders.getInbox(shop);
            MailFolder sent = folders.getFolder(shop, "Sent");
            int n = 0;
            for (Resource r : sorted("classpath:demo/sent/*.eml")) {
                sent.appendMessage(message(r, clock), new Flags(Flags.Flag.SEEN), null);
                n++;
            }
            for (Resource r : sorted("classpath:demo/inbox/*.eml")) {
                inbox.store(message(r, clock));
                n++;
            }
            log.info("Demo mailbox seeded with {} messages", n);
        } catch (Exception e) {
            throw new IllegalStateException("could not seed the demo mailbox", e);
        }
    }

    private static Resource[] sorted(String pattern) throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        return resources;
    }

    private MimeMessage message(Resource r, Clock clock) throws IOException, MessagingException {
        String text = r.getContentAsString(StandardCharsets.UTF_8);
        text = withDates(text, ZonedDateTime.now(clock));
        // Files are kept with plain line ends; mail wants CRLF.
        text = text.replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new MimeMessage(GreenMailUtil.getSession(greenMail.getImap().getServerSetup()),
                new ByteArrayInputStream(bytes));
    }

    static String withDates(String text, ZonedDateTime now) {
        Matcher m = DAYS_AGO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            ZonedDateTime at = now.minusDays(Integer.parseInt(m.group(1)))
                    .with(LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            m.appendReplacement(out, Matcher.quoteReplacement(
                    DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH).format(at)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

}
