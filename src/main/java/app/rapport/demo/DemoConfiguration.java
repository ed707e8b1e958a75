package app.rapport.demo;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.Messages;

/** Starts the demo whenever no real mailbox is configured ({@code rapport.mail.imap.host} empty). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rapport.mail.imap.host:}'.isBlank() and ${rapport.demo.enabled:true}")
class DemoConfiguration {

    @Bean(destroyMethod = "close")
    DemoMailServer demoMailServer(DemoSettings settings, Messages messages, Clock clock) {
        DemoMailServer server = new DemoMailServer(settings);
        // Seed only a fresh data directory: after a restart the stored mail is already there.
        if (settings.seed() && messages.count() == 0) {
            server.seed(clock);
        }
        return server;
    }

    @Bean
    MailAccount demoAccount(DemoMailServer server, DemoSettings settings) {
        var imap = new MailAccount.Endpoint("127.0.0.1", server.imapPort(), MailAccount.Security.NONE,
                settings.address(), settings.password(), false);
        var smtp = new MailAccount.Endpoint("127.0.0.1", server.smtpPort(), MailAccount.Security.NONE, null, null, false);
        return new MailAccount("demo", settings.address(), imap, smtp);
    }
}
