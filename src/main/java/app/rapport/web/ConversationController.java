package app.rapport.web;

import java.util.function.BooleanSupplier;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.drafting.Draft;
import app.rapport.drafting.Drafts;
import app.rapport.drafting.InvalidDraftException;
import app.rapport.outbox.Outbox;
import app.rapport.outbox.ReplySender;

/** One conversation, its draft, and what happens to the draft: save, approve and send, discard, undo. */
@Controller
class ConversationController {

    private final InboxViews views;
    private final Drafts drafts;
    private final ReplySender sender;
    private final Outbox outbox;
    private final CustomerViews customerViews;
    private final KeptPages pages;

    ConversationController(InboxViews views, Drafts drafts, ReplySender sender, Outbox outbox,
                           CustomerViews customerViews, KeptPages pages) {
        this.pages = pages;
        this.customerViews = customerViews;
        this.views = views;
        this.drafts = drafts;
        this.sender = sender;
        this.outbox = outbox;
    }

    @GetMapping("/conversations/{id}")
    View show(@PathVariable long id, @RequestParam(name = "fact", required = false) Long fact, Model model) {
        long version = pages.version();
        model.addAttribute("page", views.conversation(id));
        model.addAttribute("memory", customerViews.panel(id).orElse(null));
        model.addAttribute("highlight", customerViews.highlight(id, fact).orElse(null));
        return pages.page("conversation/show", version, id, fact == null ? -1L : fact);
    }

    /** The replies panel alone, refreshed by htmx while a reply is on its way. */
    @GetMapping("/conversations/{id}/replies")
    String replies(@PathVariable long id, Model model) {
        model.addAttribute("page", views.conversation(id));
        return "conversation/show :: replies";
    }

    @PostMapping("/drafts/{id}/save")
    String save(@PathVariable long id, @RequestParam String subject, @RequestParam String text, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Draft draft;
        try {
            draft = drafts.edit(id, subject, text);
        } catch (InvalidDraftException e) {
            return again(id, subject, text, e, model, response);
        }
        redirect.addFlashAttribute("notice", "Draft saved.");
        return "redirect:/conversations/" + draft.conversationId();
    }

    @PostMapping("/drafts/{id}/approve")
    String approve(@PathVariable long id, @RequestParam String subject, @RequestParam String text, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        boolean approvedNow;
        try {
            approvedNow = drafts.approve(id, subject, text);
        } catch (InvalidDraftException e) {
            return again(id, subject, text, e, model, response);
        }
        redirect.addFlashAttribute("notice", approvedNow
                ? "Approved. The reply leaves in a few seconds; you can still undo it."
                : "This reply was already approved; it is sent only once.");
        return "redirect:/conversations/" + drafts.expect(id).conversationId();
    }

    /** Shows the conversation again with what the owner wrote still in the editor and what to change. */
    private String again(long draftId, String subject, String text, InvalidDraftException e, Model model,
                         HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute("page", views.conversation(drafts.expect(draftId).conversationId()));
        model.addAttribute("editedSubject", subject);
        model.addAttribute("editedText", text);
        model.addAttribute("error", e.getMessage() + " Nothing was saved or sent; your text is still here.");
        return "conversation/show";
    }

    @PostMapping("/drafts/{id}/discard")
    String discard(@PathVariable long id, RedirectAttributes redirect) {
        drafts.discard(id);
        redirect.addFlashAttribute("notice", "Draft discarded.");
        return "redirect:/conversations/" + drafts.expect(id).conversationId();
    }

    @PostMapping("/outbox/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes redirect) {
        return decided(id, () -> sender.undo(id), "Undone. The draft is back for editing.",
                "Too late to undo: the reply was already on its way.", redirect);
    }

    /** The owner's answer to "may not have been sent" or "not sent": send it again (same Message-ID). */
    @PostMapping("/outbox/{id}/send-again")
    String sendAgain(@PathVariable long id, RedirectAttributes redirect) {
        return decided(id, () -> sender.sendAgain(id), "The reply is sent again in a moment.",
                "This reply is no longer waiting for your decision.", redirect);
    }

    /** The owner's answer to "may not have been sent": it did arrive. */
    @PostMapping("/outbox/{id}/mark-sent")
    String markSent(@PathVariable long id, RedirectAttributes redirect) {
        return decided(id, () -> sender.markSent(id), "Marked as sent. A copy goes into your Sent folder.",
                "This reply is no longer waiting for your decision.", redirect);
    }

    /** Runs the owner's decision on a reply and goes back to its conversation saying whether it took effect. */
    private String decided(long replyId, BooleanSupplier decision, String done, String refused,
                           RedirectAttributes redirect) {
        var reply = outbox.find(replyId).orElseThrow(() -> new IllegalArgumentException("no reply with id " + replyId));
        boolean tookEffect = decision.getAsBoolean();
        redirect.addFlashAttribute(tookEffect ? "notice" : "error", tookEffect ? done : refused);
        return "redirect:/conversations/" + reply.conversationId();
    }
}
