package app.rapport.web;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.mailbox.MailboxPoller;

/** The inbox: conversations by what they need from the owner. */
@Controller
class InboxController {

    private final InboxViews views;
    private final MailboxPoller poller;

    private final KeptPages pages;

    InboxController(InboxViews views, MailboxPoller poller, KeptPages pages) {
        this.pages = pages;
        this.views = views;
        this.poller = poller;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }

    @GetMapping("/inbox")
    View inbox(@RequestParam(defaultValue = "answer") String tab, @RequestParam(defaultValue = "0") int page,
               Model model) {
        long version = pages.version();
        InboxViews.Tab active = parse(tab);
        var accounts = poller.lastChecks();
        InboxViews.InboxPage inbox = views.inbox(active, page);
        model.addAttribute("tab", active);
        model.addAttribute("tabs", inbox.tabs());
        model.addAttribute("rows", inbox.rows());
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("hasNext", inbox.hasNext());
        model.addAttribute("accounts", accounts);
        model.addAttribute("quarantined", inbox.quarantined());
        model.addAttribute("quarantineCount", inbox.quarantineCount());
        return pages.page("inbox/index", version, active, Math.max(0, page), accounts);
    }

    /** "Check mail now": a fragment for htmx, or a redirect with a message for a plain form post. */
    @PostMapping("/mailbox/check")
    String checkNow(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                    RedirectAttributes redirect) {
        MailboxPoller.PollResult result = poller.checkNow();
        String message = result.ok()
                ? (result.fetched() == 0 ? "No new mail." : result.fetched() + " new message(s) fetched.")
                : "Could not check all mail: " + String.join("; ", result.errors());
        if (htmx != null) {
            model.addAttribute("message", message);
            model.addAttribute("ok", result.ok());
            return "inbox/check :: result";
        }
        redirect.addFlashAttribute(result.ok() ? "notice" : "error", message);
        return "redirect:/inbox";
    }

    private static InboxViews.Tab parse(String tab) {
        try {
            return InboxViews.Tab.valueOf(tab.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return InboxViews.Tab.ANSWER;
        }
    }
}
