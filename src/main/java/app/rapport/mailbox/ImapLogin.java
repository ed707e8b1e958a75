package app.rapport.mailbox;

/** How Rapport logs in to an IMAP server. */
public enum ImapLogin {
    /** User name and password. */
    PASSWORD,
    /** User name and an OAuth2 access token (SASL XOAUTH2), for providers that require OAuth2. */
    XOAUTH2
}
