package app.rapport.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.mailbox.ConnectionCheck;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.StoredAccounts;

/** Settings: the mailbox connection (tested before it is saved; passwords kept encrypted). */
@Controller
class SettingsController {

    private final StoredAccounts stored;
    private final ConnectionCheck check;
    private final List<MailAccount> active;

    SettingsController(StoredAccounts stored, ConnectionCheck check, List<MailAccount> active) {
        this.stored = stored;
        this.check = check;
        this.active = active;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        if (!model.containsAttribute("mailbox")) {
            model.addAttribute("mailbox", stored.find(MailboxForm.NAME).map(MailboxForm::of)
                    .orElseGet(() -> active.isEmpty() ? MailboxForm.empty() : MailboxForm.of(active.getFirst())));
        }
        model.addAttribute("securities", MailAccount.Security.values());
        model.addAttribute("active", active);
        model.addAttribute("hasStored", stored.find(MailboxForm.NAME).isPresent());
        return "settings/index";
    }

    @PostMapping("/settings/mailbox/test")
    String test(@ModelAttribute("mailbox") MailboxForm form, Model model) {
        try {
            ConnectionCheck.Result result = check.check(form.toAccount(known()));
            model.addAttribute("check", result);
        } catch (MailboxForm.InvalidSettingsException e) {
            model.addAttribute("error", e.getMessage());
        }
        return settings(model);
    }

    @PostMapping("/settings/mailbox")
    String save(@ModelAttribute("mailbox") MailboxForm form, Model model, RedirectAttributes redirect) {
        try {
            stored.save(form.toAccount(known()));
        } catch (MailboxForm.InvalidSettingsException e) {
            model.addAttribute("error", e.getMessage() + " Nothing was saved.");
            return settings(model);
        }
        redirect.addFlashAttribute("notice", "Mailbox settings saved; the passwords are stored encrypted."
                + " Rapport reads this mailbox from its next start.");
        return "redirect:/settings";
    }

    /** The passwords to fall back on when the form leaves them blank: the stored ones, else the active ones. */
    private MailAccount known() {
        return stored.find(MailboxForm.NAME).orElse(active.isEmpty() ? null : active.getFirst());
    }
}
