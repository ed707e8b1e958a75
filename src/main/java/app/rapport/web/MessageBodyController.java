package app.rapport.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.rapport.mailbox.MessageContent;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.Conversations;

/**
 * A message's original HTML (sanitised, for a sandboxed frame) and its attachments (always as downloads).
 */
@Controller
class MessageBodyController {

    /** The frame may show inline styles and, once allowed, remote images; it may never run anything. */
    static String frameCsp(boolean remoteAllowed) {
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:" + (remoteAllowed ? " https: http:" : "")
                + "; font-src 'none'; media-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self';"
                + " sandbox allow-popups allow-popups-to-escape-sandbox";
    }

    private final Messages messages;
    private final MessageContent content;
    private final RemoteContentAllowances allowances;
    private final Conversations conversations;

    MessageBodyController(Messages messages, MessageContent content, RemoteContentAllowances allowances,
                          Conversations conversations) {
        this.messages = messages;
        this.content = content;
        this.allowances = allowances;
        this.conversations = conversations;
    }

    @GetMapping("/messages/{id}/html")
    ResponseEntity<String> html(@PathVariable long id) {
        StoredMessage m = messages.expect(id);
        boolean remote = allowances.allowed(id, m.fromAddress());
        String html = content.html(id).orElseThrow(() -> new IllegalArgumentException("message " + id + " has no HTML part"));
        MailHtml.Cleaned cleaned = MailHtml.clean(html, remote);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header("Content-Security-Policy", frameCsp(remote))
                .header("X-Frame-Options", "SAMEORIGIN")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(cleaned.html());
    }

    @PostMapping("/messages/{id}/remote-content")
    String allowRemote(@PathVariable long id, @RequestParam(defaultValue = "message") String scope,
                       RedirectAttributes redirect) {
        StoredMessage m = messages.expect(id);
        if ("sender".equals(scope) && m.fromAddress() != null) {
            allowances.allow(RemoteContentAllowances.Scope.SENDER, m.fromAddress());
            redirect.addFlashAttribute("notice", "Images are shown for all mail from " + m.fromAddress() + ".");
        } else {
            allowances.allow(RemoteContentAllowances.Scope.MESSAGE, Long.toString(id));
            redirect.addFlashAttribute("notice", "Images are shown for this message.");
        }
        long conversation = conversations.conversationOf(id).orElseThrow(
                () -> new IllegalArgumentException("message " + id + " is not in a conversation yet"));
        return "redirect:/conversations/" + conversation + "#m" + id;
    }

    @GetMapping("/messages/{id}/attachments/{index}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable int index) {
        MessageContent.AttachmentData data = content.attachment(id, index).orElseThrow(
                () -> new IllegalArgumentException("message " + id + " has no attachment " + index));
        // Whatever the sender claims, the browser gets an opaque download: never rendered, never sniffed.
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(data.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(data.bytes());
    }
}
