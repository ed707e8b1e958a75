package app.rapport.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.rapport.RapportApplication;
import app.rapport.mailbox.MessageIngest;

/**
 * Starts and stops the application on one data directory, as a restart would: no web server, no schedules, no
 * mail server. For tests about what survives a restart (the index, a backup). On the PostgreSQL test run, each
 * data directory gets its own database, kept across restarts.
 */
public final class Apps {

    private Apps() {
    }

    public static ConfigurableApplicationContext start(Path data, String... properties) {
        // arguments, not default properties: these must win over application.properties
        List<String> args = new ArrayList<>(List.of("--rapport.data-dir=" + data, "--rapport.scheduling.enabled=false",
                "--rapport.demo.enabled=false", "--spring.main.banner-mode=off"));
        args.addAll(TestDatabase.argumentsFor(data));
        for (String p : properties) {
            args.add("--" + p);
        }
        return new SpringApplicationBuilder(RapportApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** Stores one customer mail as if it had been fetched; returns its message id. */
    public static long storeMail(ConfigurableApplicationContext app, String messageId, String from, String subject,
                                 String body) {
        String mail = "From: " + from + "\r\nTo: shop@lindgren-shoes.example\r\nSubject: " + subject
                + "\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + messageId + ">\r\n\r\n" + body + "\r\n";
        return app.getBean(MessageIngest.class).store(mail.getBytes(StandardCharsets.UTF_8),
                new MessageIngest.Origin("test", "INBOX", null)).orElseThrow();
    }
}
