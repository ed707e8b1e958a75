package app.rapport.mailbox;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** What to read from each account and how to log in: from {@code rapport.mail.*} or {@code rapport.accounts[…]}. */
@Component
class AccountOptions {

    record Options(List<String> folders, String sentFolder, ImapLogin login) {
    }

    private final Options defaults;
    private final Map<String, Options> byAccount;

    AccountOptions(MailSettings mail, DefaultAccountLogin login, MailAccountsSettings extra) {
        this.defaults = new Options(mail.folders(), blankToNull(mail.sentFolder()), login.imapLogin());
        this.byAccount = extra.accounts().stream().collect(Collectors.toMap(MailAccountsSettings.Account::name,
                (Function<MailAccountsSettings.Account, Options>) a -> new Options(a.folders(), blankToNull(a.sentFolder()),
                        a.imapLogin()), (a, b) -> a));
    }

    Options of(MailAccount account) {
        return byAccount.getOrDefault(account.name(), defaults);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
