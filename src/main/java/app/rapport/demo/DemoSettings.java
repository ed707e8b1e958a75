package app.rapport.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded demo mail server ({@code rapport.demo.*}); used only while no real mailbox is configured.
 *
 * @param imapPort the demo IMAP port (0 picks a free one)
 * @param smtpPort the demo SMTP port (0 picks a free one)
 * @param seed     whether to fill the demo mailbox with sample customer mail on first start
 */
@ConfigurationProperties("rapport.demo")
public record DemoSettings(@DefaultValue("3143") int imapPort,
                           @DefaultValue("3025") int smtpPort,
                           @DefaultValue("true") boolean seed,
                           @DefaultValue("clara@lindgren-shoes.example") String address,
                           @DefaultValue("demo-mailbox") String password) {
}
