package app.rapport.drafting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders the owner's reply templates: {@code NAME.txt} (text) and {@code NAME.html} from
 * {@code rapport.drafting.templates-dir} (read afresh on every draft, so edits apply at once), falling back to
 * the copies shipped inside the application.
 */
@Component
class TemplateRenderer {

    record Rendered(String template, String text, String html) {
    }

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final Path directory;

    TemplateRenderer(@Value("${rapport.drafting.templates-dir:mail-templates}") String directory) {
        this.directory = Path.of(directory).toAbsolutePath();
        int order = 1;
        for (TemplateMode mode : new TemplateMode[] {TemplateMode.TEXT, TemplateMode.HTML}) {
            String suffix = mode == TemplateMode.TEXT ? "*.txt" : "*.html";
            FileTemplateResolver files = new FileTemplateResolver();
            configure(files, this.directory + "/", mode, suffix, order++);
            files.setCacheable(false);
            engine.addTemplateResolver(files);
            ClassLoaderTemplateResolver shipped = new ClassLoaderTemplateResolver();
            configure(shipped, "mail-templates/", mode, suffix, order++);
            engine.addTemplateResolver(shipped);
        }
    }

    private static void configure(AbstractConfigurableTemplateResolver r, String prefix, TemplateMode mode,
                                  String pattern, int order) {
        r.setPrefix(prefix);
        r.setTemplateMode(mode);
        r.setResolvablePatterns(java.util.Set.of(pattern));
        r.setCharacterEncoding("UTF-8");
        r.setCheckExistence(true);
        r.setOrder(order);
    }

    /** Renders the intent's template, or {@code general} when the owner has none for that intent. */
    Rendered render(String intent, Map<String, Object> variables) {
        String name = exists(intent) ? intent : "general";
        Context context = new Context(java.util.Locale.ENGLISH, variables);
        String text = engine.process(name + ".txt", context).strip() + "\n";
        String html = engine.process(name + ".html", context);
        return new Rendered(name, text, html);
    }

    private boolean exists(String name) {
        return Files.isRegularFile(directory.resolve(name + ".txt"))
                || getClass().getClassLoader().getResource("mail-templates/" + name + ".txt") != null;
    }
}
