package app.rapport.mailbox;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Further mailboxes ({@code rapport.accounts[0].name=shop2}, {@code rapport.accounts[0].imap.host=…}), read beside
 * the one of {@code rapport.mail.*}; and how that one logs in ({@code rapport.mail.imap-login}).
 */
@ConfigurationProperties("rapport")
record MailAccountsSettings(@DefaultValue List<Account> accounts) {

    /**
     * One more mailbox.
     *
     * @param name       a short stable name (the key of its sync state)
     * @param folders    folders to read besides the Sent folder
     * @param sentFolder the Sent folder, when the server does not mark it \Sent and its name is unusual
     * @param imapLogin  PASSWORD, or XOAUTH2 with the access token as {@code imap.password}
     */
    record Account(String name, String address, MailSettings.Server imap, MailSettings.Server smtp,
                   @DefaultValue("INBOX") List<String> folders, String sentFolder,
                   @DefaultValue("PASSWORD") ImapLogin imapLogin) {
    }
}
