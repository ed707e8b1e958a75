package app.rapport.mailbox;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Recognises mail no person wrote to the shop: auto-replies, bounces, reports, newsletters, list traffic. */
final class Automation {

    private static final Pattern NO_REPLY = Pattern.compile(
            "^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)([+.\\-].*)?@.*");
    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "^(automatic reply|auto(matische)?[ -]?(reply|antwort)|out of (the )?office|abwesenheitsnotiz"
                    + "|r[ée]ponse automatique|undeliverable|delivery status notification|mail delivery failed)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private Automation() {
    }

    static String reason(MimeMessage mime, String fromAddress, String subject) {
        String autoSubmitted = header(mime, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "automatic reply (Auto-Submitted: " + autoSubmitted.trim() + ")";
        }
        if (header(mime, "X-Autoreply") != null || header(mime, "X-Autorespond") != null) {
            return "automatic reply";
        }
        String contentType = header(mime, "Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("multipart/report")) {
            return "delivery report";
        }
        String precedence = header(mime, "Precedence");
        if (precedence != null && java.util.Set.of("bulk", "list", "junk", "auto_reply").contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return "bulk mail (Precedence: " + precedence.trim() + ")";
        }
        if (header(mime, "List-Unsubscribe") != null || header(mime, "List-Id") != null) {
            return "newsletter or mailing list";
        }
        if (fromAddress != null && NO_REPLY.matcher(fromAddress).matches()) {
            return "sent from an automatic address (" + fromAddress + ")";
        }
        if (subject != null && AUTO_SUBJECT.matcher(subject.strip()).matches()) {
            return "automatic reply (subject)";
        }
        return null;
    }

    private static String header(MimeMessage mime, String name) {
        try {
            return mime.getHeader(name, ", ");
        } catch (MessagingException e) {
            return null;
        }
    }
}
