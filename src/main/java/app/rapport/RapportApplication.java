package app.rapport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Rapport: reads a shop's mailbox, remembers its customers and drafts replies for the owner to approve.
 * The jar starts in {@code app.rapport.cli.Main}, which runs a command when one is given and this otherwise.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class RapportApplication {

    public static void main(String[] args) {
        SpringApplication.run(RapportApplication.class, args);
    }
}
