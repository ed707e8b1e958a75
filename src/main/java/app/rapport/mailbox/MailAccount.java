package app.rapport.mailbox;

import java.util.Locale;

/**
 * One mailbox Rapport reads and sends from.
 *
 * @param name    a short stable name, used as the key of the sync cursor
 * @param address the owner's address in this mailbox; mail from it counts as outbound
 * @param imap    where incoming mail is read
 * @param smtp    where replies are sent
 */
public record MailAccount(String name, String address, Endpoint imap, Endpoint smtp) {

    public MailAccount {
        address = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Where and how to connect; the password never appears in {@link #toString()}.
     *
     * @param trustedCertificate a PEM file with the certificate(s) to trust besides the usual authorities
     *                           (a server with a self-signed certificate), or null; verification stays on
     */
    public record Endpoint(String host, int port, Security security, String user, String password,
                           boolean trustAnyCertificate, String trustedCertificate) {

        public Endpoint(String host, int port, Security security, String user, String password,
                        boolean trustAnyCertificate) {
            this(host, port, security, user, password, trustAnyCertificate, null);
        }

        @Override
        public String toString() {
            return user + "@" + host + ":" + port + " (" + security + ")";
        }
    }

    /** How the connection is protected. */
    public enum Security {
        /** Plain connection: only for servers on this machine. */
        NONE,
        /** Plain connection upgraded with STARTTLS, required. */
        STARTTLS,
        /** TLS from the first byte (IMAPS 993, SMTPS 465). */
        TLS
    }
}
