package app.rapport.web;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.drafting.Apologies;
import app.rapport.drafting.Drafts;
import app.rapport.drafting.Incident;

/** "Sorry, to everyone affected": describe an incident, then approve its apologies one by one or all together. */
@Controller
class ApologyController {

    private final Apologies apologies;
    private final Drafts drafts;

    ApologyController(Apologies apologies, Drafts drafts) {
        this.apologies = apologies;
        this.drafts = drafts;
    }

    @GetMapping("/apologies")
    String form(Model model) {
        model.addAttribute("today", LocalDate.now());
        return "apologies/new";
    }

    @PostMapping("/apologies")
    String create(@RequestParam String search, @RequestParam LocalDate from, @RequestParam LocalDate until,
                  @RequestParam String whatHappened, @RequestParam(defaultValue = "") String offer,
                  RedirectAttributes redirect) {
        ZoneId zone = ZoneId.systemDefault();
        String batch = apologies.draft(new Incident(search, from.atStartOfDay(zone).toInstant(),
                until.plusDays(1).atStartOfDay(zone).toInstant(), whatHappened, offer));
        redirect.addFlashAttribute("notice", drafts.inBatch(batch).size() + " apologies drafted.");
        return "redirect:/apologies/" + batch;
    }

    @GetMapping("/apologies/{batch}")
    String batch(@PathVariable String batch, Model model) {
        model.addAttribute("batch", batch);
        model.addAttribute("drafts", drafts.inBatch(batch));
        return "apologies/batch";
    }

    @PostMapping("/apologies/{batch}/{id}/approve")
    String approveOne(@PathVariable String batch, @PathVariable long id, @RequestParam String subject,
                      @RequestParam String text, RedirectAttributes redirect) {
        if (drafts.inBatch(batch).stream().noneMatch(d -> d.id() == id)) {
            throw new IllegalArgumentException("draft " + id + " is not one of these apologies");
        }
        boolean now = drafts.approve(id, subject, text);
        redirect.addFlashAttribute("notice", now ? "Approved; it leaves after the undo window." : "It was already approved.");
        return "redirect:/apologies/" + batch;
    }

    @PostMapping("/apologies/{batch}/approve-all")
    String approveAll(@PathVariable String batch, RedirectAttributes redirect) {
        int n = apologies.approveAll(batch);
        redirect.addFlashAttribute("notice", n + " apologies approved; they leave after the undo window.");
        return "redirect:/apologies/" + batch;
    }
}
