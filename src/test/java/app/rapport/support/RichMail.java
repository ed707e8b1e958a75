package app.rapport.support;


import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** HTML mail with an attachment, sent for real over SMTP: the shape hostile mail usually takes. */
public final class RichMail {

    private RichMail() {
    }

    public static void send(int smtpPort, String from, String fromName, String to, String subject, String text,
                            String html, String attachmentName, String attachmentType, String attachmentBody,
                            String messageId) throws Exception {
        MimeMessage m = Mails.message(smtpPort, from, fromName, to, subject, messageId);
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        alternative.addBodyPart(textPart);
        alternative.addBodyPart(htmlPart);
        if (attachmentName == null) {
            m.setContent(alternative);
        } else {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeBodyPart file = new MimeBodyPart();
            file.setContent(attachmentBody, attachmentType);
            file.setFileName(attachmentName);
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(file);
            m.setContent(mixed);
        }
        Transport.send(m);
    }
}
