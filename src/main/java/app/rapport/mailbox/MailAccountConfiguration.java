package app.rapport.mailbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The account of a real mailbox, used whenever {@code rapport.mail.imap.host} is set. */
@Configuration(proxyBeanMethods = false)
class MailAccountConfiguration {

    static final String REAL_MAILBOX = "!'${rapport.mail.imap.host:}'.isBlank()";

    @Bean
    @ConditionalOnExpression(REAL_MAILBOX)
    MailAccount configuredAccount(MailSettings settings) {
        MailSettings.Server imap = settings.imap();
        MailSettings.Server smtp = settings.smtp();
        if (smtp == null || smtp.host() == null || smtp.host().isBlank()) {
            throw new IllegalStateException("rapport.mail.smtp.host (RAPPORT_MAIL_SMTP_HOST) is not set:"
                    + " Rapport needs an SMTP server to send the replies you approve");
        }
        String address = settings.address() != null && !settings.address().isBlank()
                ? settings.address() : imap.user();
        if (address == null || !address.contains("@")) {
            throw new IllegalStateException("rapport.mail.address (RAPPORT_MAIL_ADDRESS) is not an email address: '"
                    + address + "'; set it to the shop's address replies are sent from");
        }
        return new MailAccount("default", address,
                endpoint(imap, 993, 143), endpoint(smtp, 465, 587));
    }

    private static MailAccount.Endpoint endpoint(MailSettings.Server s, int tlsPort, int plainPort) {
        int port = s.port() != null ? s.port() : (s.security() == MailAccount.Security.TLS ? tlsPort : plainPort);
        return new MailAccount.Endpoint(s.host(), port, s.security(), s.user(), s.password(), s.trustAnyCertificate(),
                s.trustedCertificate() == null || s.trustedCertificate().isBlank() ? null : s.trustedCertificate());
    }
}
