package app.rapport.web;

import app.rapport.mailbox.MailAccount;

/** The mailbox connection as the settings form edits it; a blank password means "keep the stored one". */
public record MailboxForm(String address, String imapHost, Integer imapPort, MailAccount.Security imapSecurity,
                          String imapUser, String imapPassword, String smtpHost, Integer smtpPort,
                          MailAccount.Security smtpSecurity, String smtpUser, String smtpPassword,
                          boolean trustAnyCertificate) {

    static final String NAME = "settings";

    static MailboxForm of(MailAccount a) {
        return new MailboxForm(a.address(), a.imap().host(), a.imap().port(), a.imap().security(), a.imap().user(), "",
                a.smtp().host(), a.smtp().port(), a.smtp().security(), a.smtp().user(), "",
                a.imap().trustAnyCertificate());
    }

    static MailboxForm empty() {
        return new MailboxForm("", "", 993, MailAccount.Security.TLS, "", "", "", 465, MailAccount.Security.TLS, "", "",
                false);
    }

    /** The account this form describes, with passwords falling back to the stored ones when left blank. */
    MailAccount toAccount(MailAccount stored) {
        require(address != null && address.contains("@"), "The shop's address must be an email address.");
        require(imapHost != null && !imapHost.isBlank(), "The IMAP server is missing.");
        require(smtpHost != null && !smtpHost.isBlank(), "The SMTP server is missing.");
        require(imapUser != null && !imapUser.isBlank(), "The IMAP user name is missing.");
        for (String value : new String[] {address, imapHost, imapUser, smtpHost, smtpUser}) {
            require(value == null || value.chars().noneMatch(Character::isISOControl), "Settings cannot contain line breaks.");
        }
        String imapPw = blank(imapPassword) && stored != null ? stored.imap().password() : imapPassword;
        String smtpPw = blank(smtpPassword) && stored != null ? stored.smtp().password() : smtpPassword;
        return new MailAccount(NAME, address.strip(),
                new MailAccount.Endpoint(imapHost.strip(), port(imapPort, imapSecurity, 993, 143), imapSecurity,
                        imapUser.strip(), imapPw, trustAnyCertificate),
                new MailAccount.Endpoint(smtpHost.strip(), port(smtpPort, smtpSecurity, 465, 587), smtpSecurity,
                        blank(smtpUser) ? null : smtpUser.strip(), smtpPw, trustAnyCertificate));
    }

    private static int port(Integer port, MailAccount.Security security, int tls, int plain) {
        if (port == null) {
            return security == MailAccount.Security.TLS ? tls : plain;
        }
        require(port > 0 && port < 65536, "A port must be between 1 and 65535.");
        return port;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSettingsException(message);
        }
    }

    /** A setting the owner entered that cannot work; the message says which and why. */
    static class InvalidSettingsException extends RuntimeException {
        InvalidSettingsException(String message) {
            super(message);
        }
    }
}
