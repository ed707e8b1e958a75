package app.rapport.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Whole pages rendered once and then written as kept bytes, for as long as the data they show is unchanged.
 * <p>
 * A page holds the session's CSRF token in its forms, so a kept page is only ever given back to the session whose
 * token it holds: the token is part of the key. Pages that carry a one-time message (after a redirect) are always
 * rendered afresh. The version passed in must be taken before any of the page's data is read (see
 * {@link DataVersion}).
 */
@Component
class KeptPages {

    private static final String HTML = "text/html;charset=UTF-8";
    private static final HttpSessionCsrfTokenRepository SESSION_TOKENS = new HttpSessionCsrfTokenRepository();

    private record Key(String view, List<Object> inputs, String csrf, boolean cookieSession) {
    }

    private final DataVersion version;
    private final ObjectProvider<ThymeleafViewResolver> resolver;
    private final ViewCache<Key, byte[]> pages;

    /** The resolver exists only when the application serves web pages; it is looked up when a page is asked for. */
    KeptPages(DataVersion version, ObjectProvider<ThymeleafViewResolver> resolver) {
        this.version = version;
        this.resolver = resolver;
        this.pages = new ViewCache<>(version, 32);
    }

    /** The data version to pass to {@link #page}: take it before reading anything the page shows. */
    long version() {
        return version.current();
    }

    /** The template {@code view}, kept per session for the data version and {@code inputs} (all it depends on). */
    View page(String view, long dataVersion, Object... inputs) {
        View template = template(view);
        return new View() {
            @Override
            public String getContentType() {
                return HTML;
            }

            @Override
            public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                    throws Exception {
                CsrfToken token = request.getSession(false) == null ? null : SESSION_TOKENS.loadToken(request);
                boolean oneTime = model != null && (model.get("notice") != null || model.get("error") != null);
                if (token == null || oneTime) {
                    template.render(model, request, response);
                    return;
                }
                Key key = new Key(view, List.of(inputs), token.getToken(), request.isRequestedSessionIdFromCookie());
                byte[] page = pages.get(key, dataVersion, () -> renderToBytes(template, model, request, response));
                response.setContentType(HTML);
                response.setContentLength(page.length);
                response.getOutputStream().write(page);
            }
        };
    }

    private View template(String view) {
        try {
            View template = resolver.getObject().resolveViewName(view, Locale.ROOT);
            if (template == null) {
                throw new IllegalStateException("no template named " + view);
            }
            return template;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the template " + view, e);
        }
    }

    private static byte[] renderToBytes(View template, Map<String, ?> model, HttpServletRequest request,
                                        HttpServletResponse response) {
        Capture capture = new Capture(response);
        try {
            template.render(model, request, capture);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot render the page", e);
        }
        return capture.text().getBytes(StandardCharsets.UTF_8);
    }

    /** Takes what a template writes instead of sending it. */
    private static final class Capture extends HttpServletResponseWrapper {

        private final StringWriter text = new StringWriter(16 * 1024);
        private final PrintWriter writer = new PrintWriter(text);

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public void flushBuffer() {
            writer.flush();
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        String text() {
            writer.flush();
            return text.toString();
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            throw new IllegalStateException("templates are written as text");
        }
    }
}
