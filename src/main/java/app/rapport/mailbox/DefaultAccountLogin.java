package app.rapport.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How the {@code rapport.mail.*} account logs in: {@code rapport.mail.imap-login=XOAUTH2} for an OAuth2 token. */
@ConfigurationProperties("rapport.mail")
record DefaultAccountLogin(@DefaultValue("PASSWORD") ImapLogin imapLogin) {
}
