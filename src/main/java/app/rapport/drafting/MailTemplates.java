package app.rapport.drafting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

import org.springframework.stereotype.Service;

import app.rapport.customers.Customer;

/**
 * The owner's template library as files: list, read, change and add wordings. Changes are written to
 * {@code rapport.drafting.templates-dir}, checked by rendering them once, and used by the next draft.
 */
@Service
public class MailTemplates {

    /**
     * One wording of a template.
     *
     * @param file    the file name without {@code .txt}: {@code thanks} or {@code thanks.short}
     * @param variant null for the main wording
     * @param onDisk  whether the owner's folder has it (else the copy shipped with Rapport is used)
     */
    public record TemplateFile(String file, String template, String variant, boolean onDisk) {
    }

    public record Content(String file, String text, String html) {
    }

    private final TemplateRenderer renderer;
    private final Drafts drafts;
    private final OwnerProfile owner;
    private final OwnerVoices voices;

    MailTemplates(TemplateRenderer renderer, Drafts drafts, OwnerProfile owner, OwnerVoices voices) {
        this.renderer = renderer;
        this.drafts = drafts;
        this.owner = owner;
        this.voices = voices;
    }

    public List<TemplateFile> list() {
        List<TemplateFile> files = new ArrayList<>();
        for (String name : renderer.allFileNames()) {
            Matcher m = TemplateRenderer.FILE_NAME.matcher(name);
            if (m.matches()) {
                String file = name.substring(0, name.length() - 4);
                files.add(new TemplateFile(file, m.group(1), m.group(2), Files.isRegularFile(path(file + ".txt"))));
            }
        }
        return files;
    }

    public Path directory() {
        return renderer.directory();
    }

    public Optional<Content> find(String file) {
        requireName(file);
        String text = read(file + ".txt");
        return text == null ? Optional.empty() : Optional.of(new Content(file, text, read(file + ".html")));
    }

    public Content expect(String file) {
        return find(file).orElseThrow(() -> new IllegalArgumentException("no template named " + file));
    }

    /** Saves a wording to the owner's folder after checking it renders; an empty HTML part is made from the text. */
    public void save(String file, String text, String html) {
        requireName(file);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the template's text is empty");
        }
        write(file + ".txt", text.replace("\r\n", "\n"));
        if (html != null && !html.isBlank()) {
            write(file + ".html", html.replace("\r\n", "\n"));
        } else {
            delete(file + ".html");
        }
        try {
            renderer.render(TemplateRenderer.FILE_NAME.matcher(file + ".txt").replaceAll("$1"),
                    Math.max(0, renderer.variants(templateOf(file)).indexOf(variantOf(file))), sample());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the template was saved but does not render: " + rootMessage(e), e);
        }
    }

    /**
     * Keeps the owner's edited draft as a new wording of its template: the greeting, the sign-off and the
     * customer's first name become placeholders again, and the draft's personal touches are left out.
     *
     * @return the new file name
     */
    public String saveDraftAsVariant(long draftId, String variant) {
        Draft d = drafts.expect(draftId);
        DraftBasis basis = drafts.basis(draftId);
        String v = variant == null ? "" : variant.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (v.isEmpty()) {
            v = "mine-" + Instant.now().getEpochSecond();
        }
        String file = basis.template() + "." + v;
        requireName(file);
        if (Files.isRegularFile(path(file + ".txt"))) {
            throw new IllegalArgumentException("a variant named " + v + " already exists");
        }
        String text = d.text();
        for (Touch t : basis.touches()) {
            text = text.replace(t.text(), "");
        }
        OwnerVoice voice = voices.current();
        String[] lines = text.strip().split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.strip().endsWith(",") && line.strip().length() < 60) {
                out.append("[(${greeting})]\n");
                continue;
            }
            if (line.strip().equals(voice.signOffFrom(owner.place()).strip())) {
                out.append("[# th:if=\"${not #strings.isEmpty(personal)}\"][(${personal})][/]\n\n");
                out.append("[(${signOff})]\n[(${signature})]\n");
                break;
            }
            out.append(escape(line)).append('\n');
        }
        write(file + ".txt", out.toString().replaceAll("\n{3,}", "\n\n"));
        return file;
    }

    /** Thymeleaf reads "[(", "[[" and "[#" as its own; the owner's words must stay words. */
    private static String escape(String line) {
        return line.replace("[(", "[ (").replace("[[", "[ [").replace("[#", "[ #").replace("[/", "[ /");
    }

    private java.util.Map<String, Object> sample() {
        return DraftComposer.variables(new Customer(0, "anna@example.org", "Anna Keller", "Anna", Instant.now()), owner,
                voices.current(), "My boots", "The note made me smile.", "1042", List.of());
    }

    private static String templateOf(String file) {
        int dot = file.indexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    private static String variantOf(String file) {
        int dot = file.indexOf('.');
        return dot < 0 ? null : file.substring(dot + 1);
    }

    private static void requireName(String file) {
        if (file == null || !TemplateRenderer.FILE_NAME.matcher(file + ".txt").matches()) {
            throw new IllegalArgumentException("a template name is lower-case letters, digits and dashes, with an"
                    + " optional .variant");
        }
    }

    private Path path(String name) {
        return renderer.directory().resolve(name);
    }

    private String read(String name) {
        try {
            if (Files.isRegularFile(path(name))) {
                return Files.readString(path(name), StandardCharsets.UTF_8);
            }
            try (var in = getClass().getClassLoader().getResourceAsStream("mail-templates/" + name)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + name, e);
        }
    }

    private void write(String name, String content) {
        try {
            Files.createDirectories(renderer.directory());
            Path tmp = Files.createTempFile(renderer.directory(), ".saving-", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, path(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the template " + name + " in " + renderer.directory(), e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the template " + name, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
