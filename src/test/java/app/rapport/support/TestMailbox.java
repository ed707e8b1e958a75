package app.rapport.support;

import java.util.List;

import jakarta.mail.Flags;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A shop mailbox on an embedded IMAP server (INBOX and Sent), for tests whose SMTP side is something else.
 * Customer mail is put in through its own SMTP port.
 */
public final class TestMailbox implements AutoCloseable {

    public static final String SHOP = "shop@rapport.test";
    public static final String PASSWORD = "shop-secret";

    private final GreenMail greenMail;
    private final GreenMailUser shop;

    public TestMailbox() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
        shop = greenMail.setUser(SHOP, SHOP, PASSWORD);
        createSentFolder();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Properties that point Rapport's IMAP side at this mailbox (which also switches the demo off). */
    public List<String> imapProperties() {
        return List.of("rapport.mail.address=" + SHOP, "rapport.mail.imap.host=127.0.0.1",
                "rapport.mail.imap.port=" + imapPort(), "rapport.mail.imap.security=NONE",
                "rapport.mail.imap.user=" + SHOP, "rapport.mail.imap.password=" + PASSWORD);
    }

    /** Message-IDs in the shop's Sent folder. */
    public List<String> sentMessageIds() throws Exception {
        var sent = greenMail.getManagers().getImapHostManager().getFolder(shop, "Sent");
        if (sent == null) {
            return List.of();
        }
        return sent.getMessages().stream().map(m -> {
            try {
                return m.getMimeMessage().getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The flags of the INBOX message with this Message-ID (without brackets). */
    public Flags inboxFlags(String messageId) throws Exception {
        for (var m : greenMail.getManagers().getImapHostManager().getInbox(shop).getMessages()) {
            if (("<" + messageId + ">").equals(m.getMimeMessage().getMessageID())) {
                return m.getFlags();
            }
        }
        throw new AssertionError("no message " + messageId + " in the shop's INBOX");
    }

    /** Files a message with this Message-ID in Sent, as a provider that keeps sent mail itself would. */
    public void fileInSent(String messageId) throws Exception {
        var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(("From: " + SHOP + "\r\nSubject: filed by the provider\r\nMessage-ID: <"
                        + messageId + ">\r\n\r\nfiled\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        greenMail.getManagers().getImapHostManager().getFolder(shop, "Sent").appendMessage(message, new Flags(), null);
    }

    public void deleteSentFolder() throws Exception {
        greenMail.getManagers().getImapHostManager().deleteMailbox(shop, "Sent");
    }

    public void createSentFolder() {
        try {
            greenMail.getManagers().getImapHostManager().createMailbox(shop, "Sent");
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Sent folder", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
