package app.rapport.cli;

import org.springframework.boot.SpringApplication;

import app.rapport.DataDirectoryLock;
import app.rapport.RapportApplication;

/** The jar's entry point: a command when one is given (see {@code help}), the web inbox otherwise. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(RapportApplication.class, args));
        }
        SpringApplication server = new SpringApplication(RapportApplication.class);
        server.addListeners(new DataDirectoryLock());
        server.run(args);
    }
}
