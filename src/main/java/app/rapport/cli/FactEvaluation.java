package app.rapport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import app.rapport.customers.FactFinder;
import app.rapport.customers.FactKind;
import app.rapport.customers.FoundFact;
import app.rapport.mailbox.MessageParser;
import app.rapport.mailbox.ParsedMessage;

/**
 * Measures fact finding against hand-labelled messages: each message goes through the same finder as live
 * mail (its new text, then its signature block); a found fact counts as right when the labels hold a fact of
 * its kind with the same words (one contained in the other, or sharing at least half of the shorter one's words).
 */
final class FactEvaluation {

    private static final Set<String> FILLER = Set.of("a", "an", "the", "my", "our", "of", "to", "and", "his", "her",
            "their", "is", "was", "has", "it");

    record Tally(int found, int right, int expected, int recalled) {

        double precision() {
            return found == 0 ? 1.0 : (double) right / found;
        }

        double recall() {
            return expected == 0 ? 1.0 : (double) recalled / expected;
        }

        Tally plus(Tally o) {
            return new Tally(found + o.found, right + o.right, expected + o.expected, recalled + o.recalled);
        }
    }

    record Mistake(String message, FactKind kind, String value, String sentence, boolean wrong) {
    }

    record Result(int messages, Map<FactKind, Tally> byKind, Tally overall, List<Mistake> mistakes) {
    }

    private final FactFinder finder;
    private final MessageParser parser = new MessageParser();

    FactEvaluation(FactFinder finder) {
        this.finder = finder;
    }

    Result run(Path labels, Path maildir) {
        Map<String, List<String[]>> expected = read(labels);
        Map<FactKind, Tally> byKind = new EnumMap<>(FactKind.class);
        List<Mistake> mistakes = new ArrayList<>();
        for (var e : expected.entrySet()) {
            ParsedMessage message = parser.parse(bytes(find(maildir, e.getKey())));
            List<FoundFact> found = new ArrayList<>(finder.find(message.newText()));
            found.addAll(finder.findInSignature(message.text()));
            List<String[]> wanted = e.getValue();
            Set<Integer> usedWanted = new HashSet<>();
            for (FoundFact f : found) {
                int hit = -1;
                for (int i = 0; i < wanted.size(); i++) {
                    if (!usedWanted.contains(i) && wanted.get(i)[0].equals(f.kind().name()) && same(f.value(), wanted.get(i)[1])) {
                        hit = i;
                        break;
                    }
                }
                if (hit >= 0) {
                    usedWanted.add(hit);
                } else {
                    mistakes.add(new Mistake(e.getKey(), f.kind(), f.value(), f.sentence(), true));
                }
                byKind.merge(f.kind(), new Tally(1, hit >= 0 ? 1 : 0, 0, 0), Tally::plus);
            }
            for (int i = 0; i < wanted.size(); i++) {
                FactKind kind = FactKind.valueOf(wanted.get(i)[0]);
                boolean recalled = usedWanted.contains(i);
                byKind.merge(kind, new Tally(0, 0, 1, recalled ? 1 : 0), Tally::plus);
                if (!recalled) {
                    mistakes.add(new Mistake(e.getKey(), kind, wanted.get(i)[1], null, false));
                }
            }
        }
        Tally overall = byKind.values().stream().reduce(new Tally(0, 0, 0, 0), Tally::plus);
        return new Result(expected.size(), byKind, overall, mistakes);
    }

    /** One block of columns per labelled set, side by side, so the tuning and held-out figures can be compared. */
    static void print(Map<String, Result> sets, PrintStream out, boolean details) {
        StringBuilder head = new StringBuilder(String.format("%-10s", ""));
        StringBuilder cols = new StringBuilder(String.format("%-10s", "kind"));
        for (var e : sets.entrySet()) {
            String title = e.getKey() + " (" + e.getValue().messages() + " messages)";
            head.append(String.format(" | %-44s", title.length() > 44 ? title.substring(0, 44) : title));
            cols.append(String.format(" | %6s %6s %9s %9s %7s", "found", "right", "precision", "expected", "recall"));
        }
        out.println(head.toString().stripTrailing());
        out.println(cols);
        for (FactKind kind : FactKind.values()) {
            if (sets.values().stream().anyMatch(r -> r.byKind().containsKey(kind))) {
                line(out, kind.name(), sets.values().stream().map(r -> r.byKind().getOrDefault(kind, NONE)).toList());
            }
        }
        line(out, "all", sets.values().stream().map(Result::overall).toList());
        if (details) {
            for (var e : sets.entrySet()) {
                out.println();
                out.println(e.getKey() + ":");
                for (Mistake m : e.getValue().mistakes()) {
                    out.printf("%s %s %s: %s%s%n", m.message(), m.wrong() ? "WRONG" : "missed", m.kind(), m.value(),
                            m.sentence() == null ? "" : "  ← " + m.sentence());
                }
            }
        }
    }

    private static final Tally NONE = new Tally(0, 0, 0, 0);

    private static void line(PrintStream out, String name, List<Tally> tallies) {
        StringBuilder b = new StringBuilder(String.format("%-10s", name));
        for (Tally t : tallies) {
            b.append(String.format(" | %6d %6d %9s %9d %7s", t.found(), t.right(),
                    t.found() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", t.precision()), t.expected(),
                    t.expected() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", t.recall())));
        }
        out.println(b);
    }

    static boolean same(String found, String expected) {
        Set<String> a = words(found);
        Set<String> b = words(expected);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.containsAll(b) || b.containsAll(a)) {
            return true;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return common.size() >= 2 && common.size() * 2 > Math.max(a.size(), b.size());
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}+]+")) {
            String bare = w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w;
            if (!bare.isEmpty() && !FILLER.contains(bare)) {
                out.add(bare);
            }
        }
        return out;
    }

    private static Map<String, List<String[]>> read(Path labels) {
        Map<String, List<String[]>> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(labels)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                List<String[]> facts = expected.computeIfAbsent(cols[0].strip(), k -> new ArrayList<>());
                if (cols.length >= 3 && !cols[1].strip().equals("-")) {
                    FactKind.valueOf(cols[1].strip());
                    facts.add(new String[] {cols[1].strip(), cols[2].strip()});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the labels in " + labels, e);
        }
        return expected;
    }

    private static Path find(Path maildir, String name) {
        for (String sub : List.of("cur", "new")) {
            Path dir = maildir.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    var hit = files.filter(p -> p.getFileName().toString().startsWith(name + ".")).findFirst();
                    if (hit.isPresent()) {
                        return hit.get();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir, e);
                }
            }
        }
        throw new IllegalArgumentException("no message " + name + " in the Maildir " + maildir);
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
