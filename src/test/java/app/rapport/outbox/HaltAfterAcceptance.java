package app.rapport.outbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.rapport.RapportApplication;
import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailAccount;

/**
 * A Rapport process that dies the hard way at the worst moment: the SMTP server has answered 250 to the
 * message data, and the outbox has not yet recorded it. {@code Runtime.halt} skips shutdown hooks and every
 * finally block, like a kill -9 or a power cut. Run by {@link CrashRecoveryTest} as a separate java process:
 * {@code --crash.customer=ADDRESS} plus the application's properties as arguments. It waits for Rapport to draft
 * a reply to that customer, approves it, and halts with {@link #EXIT_CODE} once the server accepted it.
 *
 * <p>Registered as a source of this process only (it is no component), so no other context ever sees it.
 */
public class HaltAfterAcceptance implements BeanPostProcessor {

    static final int EXIT_CODE = 86;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SmtpDelivery real) {
            return new SmtpDelivery(null) {
                @Override
                Outcome deliver(MailAccount.Endpoint smtp, byte[] raw) {
                    Outcome outcome = real.deliver(smtp, raw);
                    if (outcome.result() == Result.ACCEPTED) {
                        Runtime.getRuntime().halt(EXIT_CODE);
                    }
                    return outcome;
                }
            };
        }
        return bean;
    }

    public static void main(String[] args) throws Exception {
        String customer = Arrays.stream(args).filter(a -> a.startsWith("--crash.customer="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--crash.customer=ADDRESS is missing"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RapportApplication.class, HaltAfterAcceptance.class)
                .web(WebApplicationType.NONE).run(args);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long draft = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("select id from drafts where to_address = ?").param(customer)
                        .query(Long.class).optional(), Optional::isPresent).orElseThrow();
        context.getBean(Drafts.class).approve(draft, null, null);
        // The sender halts the process; getting past this wait means it never did.
        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        System.err.println("the reply was not accepted within 60 s");
        System.exit(3);
    }
}
