package app.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.mailbox.ConnectionCheck;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.StoredAccounts;

/**
 * Settings: the mailbox connection (tested on request; passwords kept encrypted). A saved mailbox is read at once,
 * without a restart.
 */
@Controller
class SettingsController {

    private final StoredAccounts stored;
    private final ConnectionCheck check;
    private final MailAccounts accounts;

    SettingsController(StoredAccounts stored, ConnectionCheck check, MailAccounts accounts) {
        this.stored = stored;
        this.check = check;
        this.accounts = accounts;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        var active = accounts.all();
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
            accounts.save(form.toAccount(known()));
        } catch (MailboxForm.InvalidSettingsException e) {
            model.addAttribute("error", e.getMessage() + " Nothing was saved.");
            return settings(model);
        }
        redirect.addFlashAttribute("notice", "Mailbox settings saved; the passwords are stored encrypted."
                + " Rapport reads this mailbox now: see Status for how it goes.");
        return "redirect:/settings";
    }

    @PostMapping("/settings/mailbox/remove")
    String remove(RedirectAttributes redirect) {
        boolean removed = accounts.remove(MailboxForm.NAME);
        redirect.addFlashAttribute(removed ? "notice" : "error", removed
                ? "Rapport no longer reads the mailbox saved here. The mail already read stays."
                : "No mailbox was saved here.");
        return "redirect:/settings";
    }

    /** The passwords to fall back on when the form leaves them blank: the stored ones, else the active ones. */
    private MailAccount known() {
        var active = accounts.all();
        return stored.find(MailboxForm.NAME).orElse(active.isEmpty() ? null : active.getFirst());
    }
}
