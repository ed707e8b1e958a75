package app.rapport.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Turns refused actions and missing records into a page that says what happened; the log keeps the details. */
@ControllerAdvice
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(IllegalArgumentException e, Model model) {
        log.info("Not found: {}", e.getMessage());
        // Not "title": that name is the layout's own parameter and would hide this one.
        model.addAttribute("heading", "Not found");
        model.addAttribute("message", capitalise(e.getMessage()) + ". The link may be old, or the conversation was"
                + " merged into another: search for it with the box above, or start again from the inbox.");
        return "error/problem";
    }

    @ExceptionHandler(IllegalStateException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(IllegalStateException e, Model model) {
        log.info("Refused: {}", e.getMessage());
        model.addAttribute("heading", "That did not happen");
        model.addAttribute("message", capitalise(e.getMessage()) + ". The page may be out of date: go back and reload it.");
        return "error/problem";
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Something went wrong" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
