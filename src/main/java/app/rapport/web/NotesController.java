package app.rapport.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.drafting.InvalidDraftException;
import app.rapport.drafting.ProactiveNotes;
import app.rapport.drafting.Seasons;

/**
 * The queue of suggested notes (welcomes, check-ins, occasions, seasons), each approved or discarded in its
 * conversation, and the seasons the owner writes to recent customers about.
 */
@Controller
class NotesController {

    private final ProactiveNotes notes;
    private final Seasons seasons;
    private final Clock clock;

    NotesController(ProactiveNotes notes, Seasons seasons, Clock clock) {
        this.notes = notes;
        this.seasons = seasons;
        this.clock = clock;
    }

    @GetMapping("/notes")
    String list(Model model) {
        model.addAttribute("notes", notes.open());
        model.addAttribute("seasons", seasons.all());
        model.addAttribute("today", LocalDate.now(clock));
        return "notes/index";
    }

    @PostMapping("/notes/suggest")
    String suggest(RedirectAttributes redirect) {
        int n = notes.suggest(Instant.now(clock)).size();
        redirect.addFlashAttribute("notice", n == 0 ? "No note is due right now." : n + " notes suggested.");
        return "redirect:/notes";
    }

    @PostMapping("/notes/seasons")
    String addSeason(@RequestParam String title, @RequestParam(required = false) LocalDate startsOn,
                     @RequestParam(required = false) LocalDate endsOn, @RequestParam String message,
                     RedirectAttributes redirect) {
        try {
            seasons.add(title, startsOn, endsOn, message);
            redirect.addFlashAttribute("notice", "Season saved: notes are suggested to recent customers from its first day.");
        } catch (InvalidDraftException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/notes";
    }

    @PostMapping("/notes/seasons/{id}/remove")
    String removeSeason(@PathVariable long id, RedirectAttributes redirect) {
        seasons.remove(id);
        redirect.addFlashAttribute("notice", "Season removed. Notes already suggested for it are still in the queue.");
        return "redirect:/notes";
    }
}
