package app.rapport.web;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.drafting.ProactiveNotes;

/** The queue of suggested notes: welcomes and check-ins, each approved or discarded in its conversation. */
@Controller
class NotesController {

    private final ProactiveNotes notes;
    private final Clock clock;

    NotesController(ProactiveNotes notes, Clock clock) {
        this.notes = notes;
        this.clock = clock;
    }

    @GetMapping("/notes")
    String list(Model model) {
        model.addAttribute("notes", notes.open());
        return "notes/index";
    }

    @PostMapping("/notes/suggest")
    String suggest(RedirectAttributes redirect) {
        int n = notes.suggest(Instant.now(clock)).size();
        redirect.addFlashAttribute("notice", n == 0 ? "No note is due right now." : n + " notes suggested.");
        return "redirect:/notes";
    }
}
