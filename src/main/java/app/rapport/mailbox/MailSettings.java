package app.rapport.mailbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailbox connection ({@code rapport.mail.*}, or {@code RAPPORT_MAIL_*} in the environment). When
 * {@code imap.host} is empty, Rapport runs its demo with an embedded mail server instead.
 */
@ConfigurationProperties("rapport.mail")
public record MailSettings(
        String address,
        Server imap,
        Server smtp,
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("INBOX") List<String> folders,
        String sentFolder,
        @DefaultValue("20s") Duration timeout) {

    /**
     * One server of the account.
     *
     * @param trustedCertificate a PEM file whose certificate is trusted for this server (self-signed), with
     *                           the host name still checked
     */
    public record Server(String host, Integer port, @DefaultValue("TLS") MailAccount.Security security,
                         String user, String password, @DefaultValue("false") boolean trustAnyCertificate,
                         String trustedCertificate) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + " (" + security + ")";
        }
    }

    public boolean configured() {
        return imap != null && imap.host() != null && !imap.host().isBlank();
    }
}
