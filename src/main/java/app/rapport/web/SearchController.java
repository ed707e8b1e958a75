package app.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import app.rapport.recall.Search;

/** Search of the whole history, one line per conversation. */
@Controller
class SearchController {

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", defaultValue = "") String query,
                  @RequestParam(name = "order", defaultValue = "relevance") String order, Model model) {
        boolean newest = order.equals("newest");
        model.addAttribute("q", query);
        model.addAttribute("newest", newest);
        model.addAttribute("results", search.find(query, 50, newest ? Search.Order.NEWEST : Search.Order.RELEVANCE));
        model.addAttribute("help", Search.HELP);
        return "search/results";
    }
}
