package app.rapport.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailboxPoller;
import app.rapport.mailbox.SyncListener;

/** {@code sync --once}: reads every configured account once, for cron and benchmarks. */
@Component
class SyncCommand implements Command {

    private final MailboxPoller poller;
    private final List<MailAccount> accounts;
    private final JdbcClient jdbc;

    SyncCommand(MailboxPoller poller, List<MailAccount> accounts, JdbcClient jdbc) {
        this.poller = poller;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String summary() {
        return "read new mail from every configured account once";
    }

    @Override
    public String usage() {
        return """
                Usage: sync --once

                Reads new mail from every configured account (rapport.mail.* and rapport.accounts[…]) once, prints
                per folder what it fetched, and ends when threading, customers, search index and drafts have taken
                in the new mail. Exits 1 if an account could not be read, with the reason in plain words.
                A first sync reads the newest mail first; interrupted, it continues where it stopped the next time.
                Another Rapport process on the same data directory is waited for (rapport.lock-wait, 2 minutes).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.equals(List.of("--once"))) {
            err.println("sync needs --once (the server keeps mail in sync by itself).\n\n" + usage());
            return 2;
        }
        if (accounts.isEmpty()) {
            err.println("No mailbox is configured: set rapport.mail.imap.host (RAPPORT_MAIL_IMAP_HOST) and the rest"
                    + " of rapport.mail.*, or rapport.accounts[0].*");
            return 1;
        }
        long started = System.nanoTime();
        List<MailboxPoller.AccountRun> runs = poller.syncEachOnce(new SyncListener() {
            @Override
            public void batchDone(String account, String folder, int fetched, long done, long total) {
                out.printf("%s/%s: %d new so far, %d%% read%n", account, folder, fetched,
                        total <= 0 ? 100 : done * 100 / total);
                out.flush();
            }
        });
        double synced = (System.nanoTime() - started) / 1e9;
        awaitProcessing(Duration.ofHours(2));
        boolean ok = true;
        for (MailboxPoller.AccountRun run : runs) {
            if (!run.ok()) {
                ok = false;
                err.printf("%s: FAILED: %s%n", run.account(), run.error());
                continue;
            }
            for (Map.Entry<String, Integer> folder : run.fetchedByFolder().entrySet()) {
                out.printf("%s/%s: fetched %d new message(s)%n", run.account(), folder.getKey(), folder.getValue());
            }
        }
        out.printf("synced in %.1f s, processed in %.1f s%n", synced,
                (System.nanoTime() - started) / 1e9);
        return ok ? 0 : 1;
    }

    /** New mail counts as synced once every module has handled it (threaded, attributed, indexed). */
    private void awaitProcessing(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && pendingEvents() > 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long pendingEvents() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
    }
}
