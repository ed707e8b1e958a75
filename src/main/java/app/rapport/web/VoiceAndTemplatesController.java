package app.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.drafting.MailTemplates;
import app.rapport.drafting.OwnerProfile;
import app.rapport.drafting.OwnerVoices;

/** The owner's voice (greeting, sign-off, signature) and the reply templates, each editable in the browser. */
@Controller
class VoiceAndTemplatesController {

    private final OwnerVoices voices;
    private final MailTemplates templates;
    private final OwnerProfile owner;

    VoiceAndTemplatesController(OwnerVoices voices, MailTemplates templates, OwnerProfile owner) {
        this.voices = voices;
        this.templates = templates;
        this.owner = owner;
    }

    @GetMapping("/settings/templates")
    String templates(Model model) {
        model.addAttribute("voice", voices.current());
        model.addAttribute("owner", owner);
        model.addAttribute("templates", templates.list());
        model.addAttribute("directory", templates.directory().toString());
        return "settings/templates";
    }

    @PostMapping("/settings/voice")
    String saveVoice(@RequestParam String greeting, @RequestParam String signOff, @RequestParam String signature,
                     RedirectAttributes redirect) {
        voices.save(greeting, signOff, signature);
        redirect.addFlashAttribute("notice", "Your greeting, sign-off and signature are saved; the next draft uses them.");
        return "redirect:/settings/templates";
    }

    @GetMapping("/settings/templates/{file}")
    String template(@PathVariable String file, Model model) {
        model.addAttribute("template", templates.expect(file));
        return "settings/template";
    }

    @PostMapping("/settings/templates/{file}")
    String saveTemplate(@PathVariable String file, @RequestParam String text,
                        @RequestParam(required = false) String html, RedirectAttributes redirect) {
        templates.save(file, text, html);
        redirect.addFlashAttribute("notice", "Template " + file + " saved; the next draft uses it.");
        return "redirect:/settings/templates/" + file;
    }

    @PostMapping("/settings/templates")
    String addVariant(@RequestParam String template, @RequestParam String variant, RedirectAttributes redirect) {
        String base = template.strip();
        var from = templates.expect(base);
        String file = base + "." + variant.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        if (templates.find(file).isPresent()) {
            throw new IllegalArgumentException("the template " + file + " already exists");
        }
        templates.save(file, from.text(), from.html());
        redirect.addFlashAttribute("notice", "New variant " + file + ", copied from " + base + ": now make it your own.");
        return "redirect:/settings/templates/" + file;
    }
}
