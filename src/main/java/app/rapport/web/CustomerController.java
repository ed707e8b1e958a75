package app.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.customers.Customers;
import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.Facts;
import app.rapport.recall.Search;

/** The customers: a list with search, and each customer's page with what Rapport remembers about them. */
@Controller
class CustomerController {

    private final CustomerViews views;
    private final Customers customers;
    private final Facts facts;

    CustomerController(CustomerViews views, Customers customers, Facts facts) {
        this.views = views;
        this.customers = customers;
        this.facts = facts;
    }

    @GetMapping("/customers")
    String list(@RequestParam(name = "q", defaultValue = "") String query,
                @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        model.addAttribute("query", query);
        model.addAttribute("people", views.list(query, page));
        model.addAttribute("page", page);
        return "customers/index";
    }

    @GetMapping("/customers/{id}")
    String show(@PathVariable long id, @RequestParam(name = "q", defaultValue = "") String query, Model model) {
        model.addAttribute("customer", views.page(id, query));
        model.addAttribute("query", query);
        model.addAttribute("kinds", FactKind.values());
        model.addAttribute("help", Search.HELP);
        return "customers/show";
    }

    @PostMapping("/customers/{id}/facts")
    String addFact(@PathVariable long id, @RequestParam FactKind kind, @RequestParam String value,
                   RedirectAttributes redirect) {
        facts.add(customers.personOf(id).id(), kind, value);
        redirect.addFlashAttribute("notice", "Fact added.");
        return back(id);
    }

    @PostMapping("/customers/{id}/notes")
    String addNote(@PathVariable long id, @RequestParam String text, RedirectAttributes redirect) {
        facts.addNote(customers.personOf(id).id(), text);
        redirect.addFlashAttribute("notice", "Note saved.");
        return back(id);
    }

    @PostMapping("/facts/{id}/confirm")
    String confirm(@PathVariable long id, RedirectAttributes redirect) {
        Fact f = facts.confirm(id);
        redirect.addFlashAttribute("notice", "Confirmed: " + f.value());
        return back(f.customerId());
    }

    @PostMapping("/facts/{id}/reject")
    String reject(@PathVariable long id, RedirectAttributes redirect) {
        Fact f = facts.reject(id);
        redirect.addFlashAttribute("notice", "Rejected: " + f.value() + ". It will not be suggested again.");
        return back(f.customerId());
    }

    @PostMapping("/facts/{id}/correct")
    String correct(@PathVariable long id, @RequestParam String value, RedirectAttributes redirect) {
        Fact f = facts.correct(id, value);
        redirect.addFlashAttribute("notice", "Corrected to: " + f.value());
        return back(f.customerId());
    }

    @PostMapping("/customers/{id}/name")
    String rename(@PathVariable long id, @RequestParam String displayName, @RequestParam String firstName,
                  RedirectAttributes redirect) {
        customers.rename(customers.personOf(id).id(), displayName, firstName);
        redirect.addFlashAttribute("notice", "Name saved.");
        return back(id);
    }

    @PostMapping("/customers/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long other, RedirectAttributes redirect) {
        customers.merge(id, other);
        redirect.addFlashAttribute("notice", customers.expect(other).address() + " is now one of this customer's addresses.");
        return back(id);
    }

    @PostMapping("/customers/{id}/separate")
    String separate(@PathVariable long id, RedirectAttributes redirect) {
        long person = customers.personOf(id).id();
        customers.separate(id);
        redirect.addFlashAttribute("notice", customers.expect(id).address() + " is a customer of its own again.");
        return back(person);
    }

    private String back(long customerId) {
        return "redirect:/customers/" + customers.personOf(customerId).id();
    }
}
