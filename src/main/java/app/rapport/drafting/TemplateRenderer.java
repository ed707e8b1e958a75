package app.rapport.drafting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.cache.ICacheEntryValidity;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders the owner's reply templates: {@code NAME.txt} (text) and {@code NAME.html} from
 * {@code rapport.drafting.templates-dir} (read afresh on every draft, so edits apply at once), falling back to
 * the copies shipped inside the application. {@code NAME.VARIANT.txt} is another wording of the same reply;
 * a variant without its {@code .html} file gets an HTML part made from its text.
 */
@Component
class TemplateRenderer {

    /** @param variant null for the template's main wording */
    record Rendered(String template, String variant, String text, String html) {
    }

    static final Pattern FILE_NAME = Pattern.compile("([a-z][a-z0-9-]{0,40})(?:\\.([a-z0-9][a-z0-9-]{0,40}))?\\.txt");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final Path directory;
    private final List<String> shipped;

    TemplateRenderer(@Value("${rapport.drafting.templates-dir:mail-templates}") String directory) {
        this.directory = Path.of(directory).toAbsolutePath();
        this.shipped = shippedNames();
        int order = 1;
        for (TemplateMode mode : new TemplateMode[] {TemplateMode.TEXT, TemplateMode.HTML}) {
            String suffix = mode == TemplateMode.TEXT ? "*.txt" : "*.html";
            FileTemplateResolver files = new ChangedFileResolver();
            configure(files, this.directory + "/", mode, suffix, order++);
            files.setCacheable(true);
            engine.addTemplateResolver(files);
            ClassLoaderTemplateResolver inside = new ClassLoaderTemplateResolver();
            configure(inside, "mail-templates/", mode, suffix, order++);
            engine.addTemplateResolver(inside);
        }
    }

    /**
     * Keeps a parsed template for as long as its file is unchanged: the owner's edit is picked up by the next
     * draft, and drafts in between do not parse the same file again.
     */
    private static final class ChangedFileResolver extends FileTemplateResolver {

        @Override
        protected ICacheEntryValidity computeValidity(IEngineConfiguration configuration, String ownerTemplate,
                                                      String template, Map<String, Object> attributes) {
            Path file = Path.of(getPrefix() + template);
            long modified = lastModified(file);
            return new ICacheEntryValidity() {
                @Override
                public boolean isCacheable() {
                    return true;
                }

                @Override
                public boolean isCacheStillValid() {
                    return lastModified(file) == modified;
                }
            };
        }

        private static long lastModified(Path file) {
            try {
                return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
            } catch (IOException e) {
                return -1;
            }
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

    Path directory() {
        return directory;
    }

    /** Renders the intent's template, or {@code general} when the owner has none for that intent. */
    Rendered render(String intent, Map<String, Object> variables) {
        return render(intent, 0, variables);
    }

    /**
     * Renders one wording of a template.
     *
     * @param turn which wording: 0 is the main one, 1 the next variant, and so on round the list
     */
    Rendered render(String intent, int turn, Map<String, Object> variables) {
        String name = exists(intent) ? intent : "general";
        List<String> variants = variants(name);
        String variant = variants.get(Math.floorMod(turn, variants.size()));
        String file = variant == null ? name : name + "." + variant;
        Context context = new Context(Locale.ENGLISH, variables);
        String text = engine.process(file + ".txt", context).replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
        String html = hasHtml(file) ? engine.process(file + ".html", context) : Drafts.htmlOf(text);
        return new Rendered(name, variant, text, html);
    }

    /** The wordings of a template: null for the main one first, then the variants by name. */
    List<String> variants(String name) {
        TreeSet<String> names = new TreeSet<>();
        for (String file : allFileNames()) {
            Matcher m = FILE_NAME.matcher(file);
            if (m.matches() && m.group(1).equals(name) && m.group(2) != null) {
                names.add(m.group(2));
            }
        }
        List<String> variants = new ArrayList<>();
        variants.add(null);
        variants.addAll(names);
        return variants;
    }

    /** Every template text file, on disk or shipped, by file name. */
    List<String> allFileNames() {
        TreeSet<String> names = new TreeSet<>(shipped);
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(p -> p.getFileName().toString()).filter(n -> FILE_NAME.matcher(n).matches()).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the templates in " + directory, e);
            }
        }
        return List.copyOf(names);
    }

    boolean exists(String name) {
        return Files.isRegularFile(directory.resolve(name + ".txt")) || shipped.contains(name + ".txt");
    }

    private boolean hasHtml(String file) {
        return Files.isRegularFile(directory.resolve(file + ".html"))
                || getClass().getClassLoader().getResource("mail-templates/" + file + ".html") != null;
    }

    private static List<String> shippedNames() {
        try {
            List<String> names = new ArrayList<>();
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:mail-templates/*.txt")) {
                if (r.getFilename() != null) {
                    names.add(r.getFilename());
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shipped templates", e);
        }
    }
}
