package app.rapport.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;
import app.rapport.mailbox.MailAccount;

/** Tells the owner where the inbox is and how to sign in, once the server is ready. */
@Component
@ConditionalOnWebApplication
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final OwnerCredentials credentials;
    private final List<MailAccount> accounts;
    private final DataDirectory data;

    StartupBanner(OwnerCredentials credentials, List<MailAccount> accounts, DataDirectory data) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.data = data;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        log.info("""

                ============================================================
                  Rapport is ready:  http://localhost:{}/
                  Sign in as {}
                  Mailbox: {}
                  Data directory: {}
                ============================================================""",
                port, credentials.describe(),
                accounts.stream().map(a -> a.address() + " via " + a.imap()).toList(), data.root());
    }

}
