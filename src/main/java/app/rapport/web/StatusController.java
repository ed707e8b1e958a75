package app.rapport.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import app.rapport.customers.FactLearning;
import app.rapport.mailbox.MailboxPoller;
import app.rapport.mailbox.Quarantine;
import app.rapport.outbox.Outbox;
import app.rapport.outbox.OutboxState;
import app.rapport.outbox.OutgoingReply;

/**
 * How Rapport is doing: each mailbox (last success, last problem, mail today, a first sync's progress), the replies
 * still in the outbox with what to do about each, the messages set aside as unreadable, and the latest problems.
 */
@Controller
class StatusController {

    static final List<OutboxState> WAITING = List.of(OutboxState.QUEUED, OutboxState.SENDING, OutboxState.RETRYING,
            OutboxState.FAILED, OutboxState.UNKNOWN);
    private static final int SHOWN = 50;

    /** One recent problem: when, where (a mailbox or a reply), what happened, and where to act on it. */
    record Problem(Instant at, String where, String what, String link) {
    }

    private final MailboxPoller poller;
    private final Outbox outbox;
    private final Quarantine quarantine;
    private final FactLearning facts;

    StatusController(MailboxPoller poller, Outbox outbox, Quarantine quarantine, FactLearning facts) {
        this.poller = poller;
        this.outbox = outbox;
        this.quarantine = quarantine;
        this.facts = facts;
    }

    @GetMapping("/status")
    String status(Model model) {
        List<MailboxPoller.AccountStatus> accounts = poller.overview();
        List<OutgoingReply> waiting = outbox.inStates(WAITING, 0, SHOWN);
        List<OutgoingReply> filing = outbox.filingProblems(SHOWN);
        model.addAttribute("accounts", accounts);
        model.addAttribute("factsWaiting", facts.waiting());
        model.addAttribute("outbox", waiting);
        model.addAttribute("outboxCount", outbox.countInStates(WAITING));
        model.addAttribute("filing", filing);
        model.addAttribute("quarantined", quarantine.latest(SHOWN));
        model.addAttribute("quarantineCount", quarantine.count());
        model.addAttribute("problems", problems(accounts, waiting, filing));
        return "status/index";
    }

    /** The account list alone, which the page reloads every few seconds while it is open. */
    @GetMapping("/status/accounts")
    String accounts(Model model) {
        model.addAttribute("accounts", poller.overview());
        model.addAttribute("factsWaiting", facts.waiting());
        return "status/index :: accounts";
    }

    private List<Problem> problems(List<MailboxPoller.AccountStatus> accounts, List<OutgoingReply> waiting,
                                   List<OutgoingReply> filing) {
        List<Problem> problems = new ArrayList<>();
        for (MailboxPoller.AccountStatus a : accounts) {
            if (a.lastError() != null) {
                problems.add(new Problem(a.lastAttempt(), "Mailbox " + a.account(), a.lastError(), "/settings"));
            }
        }
        for (OutgoingReply r : waiting) {
            if (r.lastError() != null) {
                problems.add(new Problem(lastChange(r), "Reply to " + r.toAddress(), r.lastError(),
                        "/conversations/" + r.conversationId()));
            }
        }
        for (OutgoingReply r : filing) {
            if (r.filingError() != null) {
                problems.add(new Problem(lastChange(r), "Copy of the reply to " + r.toAddress(), r.filingError(),
                        "/conversations/" + r.conversationId()));
            }
        }
        problems.sort(Comparator.comparing(Problem::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return problems;
    }

    private Instant lastChange(OutgoingReply r) {
        List<Outbox.Step> steps = outbox.history(r.id());
        return steps.isEmpty() ? r.createdAt() : steps.getLast().at();
    }
}
