package app.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import app.rapport.mailbox.MailboxPoller;

/** How each mailbox is doing: last success, last problem in plain words, mail today, a first sync's progress. */
@Controller
class StatusController {

    private final MailboxPoller poller;

    StatusController(MailboxPoller poller) {
        this.poller = poller;
    }

    @GetMapping("/status")
    String status(Model model) {
        model.addAttribute("accounts", poller.overview());
        return "status/index";
    }

    /** The account list alone, which the page reloads every few seconds while it is open. */
    @GetMapping("/status/accounts")
    String accounts(Model model) {
        model.addAttribute("accounts", poller.overview());
        return "status/index :: accounts";
    }
}
