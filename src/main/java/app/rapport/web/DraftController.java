package app.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.drafting.Drafts;
import app.rapport.drafting.MailTemplates;
import app.rapport.drafting.Redrafting;

/** The draft editor's other actions: another wording, removing a personal touch, keeping an edit as a template. */
@Controller
class DraftController {

    private final Drafts drafts;
    private final Redrafting redrafting;
    private final MailTemplates templates;

    DraftController(Drafts drafts, Redrafting redrafting, MailTemplates templates) {
        this.drafts = drafts;
        this.redrafting = redrafting;
        this.templates = templates;
    }

    @PostMapping("/drafts/{id}/regenerate")
    String regenerate(@PathVariable long id, RedirectAttributes redirect) {
        var draft = redrafting.regenerate(id);
        var basis = drafts.basis(id);
        redirect.addFlashAttribute("notice", basis.variant() == null
                ? "Here is the main wording of the '" + basis.template() + "' template again."
                : "Here is the '" + basis.variant() + "' wording of the '" + basis.template() + "' template.");
        return "redirect:/conversations/" + draft.conversationId();
    }

    @PostMapping("/drafts/{id}/touches/{touch}/remove")
    String removeTouch(@PathVariable long id, @PathVariable long touch, RedirectAttributes redirect) {
        var draft = drafts.removeTouch(id, touch);
        redirect.addFlashAttribute("notice", "The personal touch was taken out of the draft.");
        return "redirect:/conversations/" + draft.conversationId();
    }

    @PostMapping("/drafts/{id}/save-as-variant")
    String saveAsVariant(@PathVariable long id, @RequestParam(defaultValue = "") String variant,
                         RedirectAttributes redirect) {
        String file = templates.saveDraftAsVariant(id, variant);
        redirect.addFlashAttribute("notice", "Saved as the template " + file + ". Regenerate uses it from now on.");
        return "redirect:/conversations/" + drafts.expect(id).conversationId();
    }
}
