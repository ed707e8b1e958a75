package app.rapport.customers.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.customers.FactKind;
import app.rapport.customers.FoundFact;

/**
 * Finds facts about a customer in what they wrote, sentence by sentence, with rules that prefer saying nothing
 * to saying something wrong: a wrong suggestion costs the owner's trust more than a missed one. Only English
 * text is read for facts; text in another language yields its language and nothing else.
 */
public final class FactRules {

    private static final int CASE_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** A capitalised word; capitals count even where the rest of a rule ignores case. */
    private static final String CAP = "(?-i:\\p{Lu})[\\p{L}'’.-]*";
    /** A proper name of up to four words ("Lake Constance", "San Luis Obispo", "Überlingen"). */
    private static final String NAME = CAP + "(?:[ -](?:(?:am|an|de|del|la|le|upon|on|of|sur)[ -])?" + CAP + "){0,3}";

    private static final Set<String> NOT_PLACES = Set.of("the", "a", "an", "my", "our", "this", "that", "it",
            "i", "ubuntu", "linux", "windows", "fedora", "debian", "gnu", "python", "matlab", "labview", "gnuradio",
            "gnu radio", "uhd", "usrp", "fpga", "vivado", "docker", "vm", "virtualbox", "mac", "macos", "os", "x",
            "december", "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "hope", "love", "peace", "general", "order", "english", "case", "fact", "addition", "total",
            "theory", "practice", "future", "past", "particular", "short", "summary", "detail", "advance",
            "progress", "time", "mind", "person", "public", "private", "production", "parallel", "turn", "place",
            "charge", "touch", "use", "line", "range", "sync", "c", "c++", "java");

    private static final String DATE_WORDS = "(?:in|this|next|last|early|late|on|around|by|until|end of|beginning of)\\s+"
            + "(?:(?:the\\s+)?(?:spring|summer|autumn|fall|winter)"
            + "|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
            + "|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            + "|week|month|year|weekend)";
    private static final Pattern WHEN = Pattern.compile("\\b" + DATE_WORDS + "\\b|\\b(?:tomorrow|yesterday|soon|recently)\\b");

    private final List<Rule> rules = new ArrayList<>();

    public FactRules() {
        place();
        people();
        occasions();
        tastes();
        sizes();
        products();
        owned();
        problems();
        sources();
    }

    /** The facts said in this text (a message's new text, without quoted mail). */
    public List<FoundFact> find(String newText) {
        List<FoundFact> found = new ArrayList<>();
        if (newText == null || newText.isBlank()) {
            return found;
        }
        String language = Languages.of(newText);
        if (language != null && !language.equals(Languages.ENGLISH)) {
            String first = Sentences.of(newText).stream().findFirst().orElse(newText.strip());
            found.add(new FoundFact(FactKind.LANGUAGE, language, null, first, 0.85));
            return found;
        }
        if (language == null && !looksEnglish(newText)) {
            return found;
        }
        Map<String, FoundFact> unique = new LinkedHashMap<>();
        for (String sentence : Sentences.of(newText)) {
            if (looksLikeCodeOrLog(sentence)) {
                continue;
            }
            for (Rule rule : rules) {
                Matcher m = rule.pattern.matcher(sentence);
                while (m.find()) {
                    String value = rule.value.apply(m);
                    if (value == null || value.isBlank()) {
                        continue;
                    }
                    if (rule.kind == FactKind.PROBLEM && hedged(sentence, m.start())
                            || rule.kind == FactKind.PRODUCT && supposed(sentence, m.start())) {
                        continue;
                    }
                    String when = rule.dated ? when(sentence) : null;
                    FoundFact f = new FoundFact(rule.kind, tidy(value), when, sentence, rule.confidence);
                    if (unique.values().stream().noneMatch(o -> overlaps(o, f))) {
                        unique.put(rule.kind + "|" + f.value().toLowerCase(Locale.ROOT), f);
                    }
                }
            }
        }
        found.addAll(unique.values());
        return found;
    }

    private void place() {
        Rule.ValueOf placeValue = m -> {
            String place = placeName(m.group("place"));
            if (place == null) {
                return null;
            }
            String near = m.group("near") == null ? null : placeName(m.group("near"));
            return near == null ? place : place + ", " + near;
        };
        String near = "(?:,?\\s+(?:right\\s+)?(?:on|by|near|at)\\s+(?:the\\s+)?(?<near>" + NAME + "))?";
        add(FactKind.PLACE, 0.85, false, placeValue,
                "\\b(?:I|we)\\s+(?:now\\s+|currently\\s+|also\\s+|still\\s+)?(?:live|lives|living|reside)\\s+(?:in|near|at|on)\\s+(?:the\\s+)?(?<place>" + NAME + ")" + near);
        add(FactKind.PLACE, 0.85, false, placeValue,
                "\\b(?:I'm|I am|we're|we are)\\s+(?:now\\s+|currently\\s+)?(?:living|based|located)\\s+(?:in|near)\\s+(?:the\\s+)?(?<place>" + NAME + ")" + near);
        add(FactKind.PLACE, 0.8, false, placeValue,
                "\\b(?:greetings|regards|hello|love)\\s+from\\s+(?:the\\s+)?(?<place>" + NAME + ")" + near);
        add(FactKind.PLACE, 0.8, false, placeValue,
                "\\b(?:Grüße|Grüsse|Gruesse|Gruß)\\s+aus\\s+(?<place>" + NAME + ")" + near);
        add(FactKind.PLACE, 0.8, false, placeValue,
                "\\b(?:I|we)\\s+(?:have\\s+|just\\s+|recently\\s+)*moved\\s+(?:house\\s+)?to\\s+(?<place>" + NAME + ")(?![\\w.]*\\s*\\d)" + near);
        add(FactKind.PLACE, 0.8, false, placeValue, "\\bmy home\\s*town\\s+(?:of\\s+|is\\s+)?(?<place>" + NAME + ")" + near);
    }

    private void people() {
        String roles = "daughter|son|wife|husband|partner|boyfriend|girlfriend|fianc[ée]e?|mother|mum|mom|father|dad"
                + "|sister|brother|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|granny|niece|nephew"
                + "|aunt|uncle|kids|children|twins|baby|toddler|dog|cat|puppy|kitten|horse";
        add(FactKind.PERSON, 0.8, false, m -> m.group("role").toLowerCase(Locale.ROOT) + " " + m.group("name"),
                "\\b(?:my|our)\\s+(?:best\\s+)?(?<role>friend)\\s+(?<name>(?-i:\\p{Lu}\\p{Ll}+))(?![\\w-])");
        add(FactKind.PERSON, 0.8, false, m -> {
            String role = m.group("role").toLowerCase(Locale.ROOT);
            String name = m.group("name");
            if (name != null && (NOT_PLACES.contains(name.toLowerCase(Locale.ROOT)) || name.equals("I"))) {
                name = null;
            }
            return name == null ? role : role + " " + name;
        }, "\\b(?:my|our)\\s+(?:little\\s+|older\\s+|younger\\s+|elder\\s+|eldest\\s+|youngest\\s+|baby\\s+|new\\s+|late\\s+)?(?<role>" + roles + ")"
                + "(?![-\\s]*(?:board|card|boards|cards|in\\s+law|organi[sz]ations?|company|companies|ship|land|tongue|nature|language|process|thread|node|cell|station)\\b)(?!-)\\b(?:,?\\s+(?<name>(?-i:\\p{Lu}\\p{Ll}+))(?![\\w-]))?");
    }

    private void occasions() {
        add(FactKind.OCCASION, 0.8, true, m -> "birthday" + (m.group("whose") == null ? "" : " (" + m.group("whose").toLowerCase(Locale.ROOT) + ")"),
                "\\b(?:my|our)\\s+(?:(?<whose>daughter|son|wife|husband|partner|mother|mum|mom|father|dad|sister|brother)'s\\s+)?(?:\\d+\\w*\\s+)?birthday\\b");
        add(FactKind.OCCASION, 0.8, true, m -> "wedding",
                "\\b(?:(?:my|our)\\s+wedding|(?:I'm|I am|we're|we are)\\s+getting\\s+married|(?:I|we)\\s+(?:just\\s+)?got\\s+married)\\b");
        add(FactKind.OCCASION, 0.8, true, m -> "new job",
                "\\b(?:(?:I|I've|I have)\\s+(?:just\\s+)?(?:started|got|found|landed)\\s+a\\s+new\\s+job|my\\s+new\\s+job|(?:I'm|I am)\\s+starting\\s+a\\s+new\\s+job)\\b");
        add(FactKind.OCCASION, 0.8, true, m -> "looking for a job",
                "\\b(?:(?:I'm|I am|I've been|I have been)\\s+(?:currently\\s+|still\\s+)?(?:looking|searching|applying)\\s+for\\s+(?:a\\s+|new\\s+)?(?:new\\s+)?(?:job|jobs|work|position|positions)\\b(?!\\s+(?:that|which|where)\\s+\\w+\\s+(?:USRP|SDR))|job[- ]hunting|between\\s+jobs|lost\\s+my\\s+job)");
        add(FactKind.OCCASION, 0.8, true, m -> "moving house",
                "\\b(?:(?:I'm|I am|we're|we are)\\s+moving\\s+(?:house|home|flat|apartments?)|(?:I|we)\\s+(?:have\\s+|just\\s+)*moved\\s+(?:house|home|flat)|(?:our|my)\\s+(?:house\\s+)?move\\s+to)\\b");
        add(FactKind.OCCASION, 0.8, true, m -> {
            String place = placeName(m.group("place"));
            return place == null ? null : "moving to " + place;
        }, "\\b(?:I'm|I am|we're|we are)\\s+(?:soon\\s+)?moving\\s+to\\s+(?<place>" + NAME + ")(?![\\w.]*\\s*\\d)");
        add(FactKind.OCCASION, 0.75, true, m -> "illness",
                "\\b(?:I\\s+(?:was|have been|had been|got|am|'m)\\s+(?:very\\s+|quite\\s+|really\\s+)?(?:ill|sick|unwell)|I'm\\s+(?:ill|sick|unwell)|(?:I|I've|I have)\\s+(?:was|been)\\s+in\\s+(?:the\\s+)?hospital|recovering\\s+from\\s+(?:an?\\s+)?(?:surgery|operation|illness|flu|covid))\\b");
        add(FactKind.OCCASION, 0.8, true, m -> "holiday",
                "\\b(?:(?:I|I'm|I am|I was|I've been|we|we're|we are|we were)\\s+(?:currently\\s+|just\\s+|now\\s+)?(?:back\\s+from|away\\s+on|on|going\\s+on)\\s+(?:(?:a|my|our|the)\\s+)?(?:holiday|holidays|vacation|honeymoon)"
                        + "|(?:my|our)\\s+(?:summer\\s+|winter\\s+)?(?:holiday|vacation|honeymoon)\\s+(?:in|to)\\s+" + NAME + ")\\b");
    }

    private void tastes() {
        String lexicon = "(?:colou?rs?|black|brown|tan|cognac|oxblood|burgundy|red|green|blue|navy|grey|gray|white|cream|beige|olive|pink|purple|yellow|orange"
                + "|gold|silver|rose\\s+gold|platinum|copper|brass|leather|suede|nubuck|wool|linen|cotton|silk|cashmere|velvet|canvas"
                + "|vintage|classic|minimal|minimalist|simple|elegant|chunky|delicate|rustic|modern|bold|matte|polished|brushed|heels|flats|boots|sneakers"
                + "|pearls?|diamonds?|gemstones?|sapphires?|emeralds?|rubies|opals?)";
        add(FactKind.TASTE, 0.8, false, m -> (m.group("neg") != null ? "dislikes " : "likes ") + m.group("what"),
                "\\bI(?:'d|\\s+would)?\\s+(?<neg>(?:don't|do not|really don't)\\s+(?:really\\s+)?)?(?:really\\s+|absolutely\\s+|just\\s+)?(?:love|like|adore|prefer)\\s+(?<what>(?:the\\s+|a\\s+|an\\s+)?(?:[\\w-]+\\s+){0,2}" + lexicon + "\\b(?:\\s+[\\w-]+){0,1}?)(?=[\\s,.!;)]|$)");
        add(FactKind.TASTE, 0.85, false, m -> "favourite " + m.group("what").toLowerCase(Locale.ROOT) + ": " + m.group("value"),
                "\\bmy\\s+favou?rite\\s+(?<what>colou?r|material|stone|metal|style)\\s+is\\s+(?<value>[\\w-]+(?:\\s+[\\w-]+)?)");
        add(FactKind.TASTE, 0.8, false, m -> "dislikes " + m.group("what"),
                "\\bI(?:'m|\\s+am)\\s+not\\s+(?:a|much\\s+of\\s+a)\\s+fan\\s+of\\s+(?<what>(?:[\\w-]+\\s+){0,2}" + lexicon + ")\\b");
    }

    private void sizes() {
        String sizeValue = "(?:(?:EU|UK|US|IT|FR)\\s*)?\\d{1,2}(?:[.,]5|\\s?½)?(?:\\s*(?:EU|UK|US))?|XXS|XS|S|M|L|XL|XXL|small|medium|large";
        add(FactKind.SIZE, 0.85, false, m -> "size " + m.group("size"),
                "\\b(?:I\\s+(?:usually\\s+|normally\\s+|always\\s+)?(?:wear|take|am)\\s+(?:a\\s+|an\\s+)?(?:size\\s+)|my\\s+(?:shoe\\s+|ring\\s+|dress\\s+|usual\\s+)?size\\s+is\\s+|I'm\\s+(?:a\\s+)?size\\s+)(?<size>" + sizeValue + ")\\b");
        add(FactKind.SIZE, 0.85, false, m -> "size " + m.group("size"),
                "\\bI\\s+(?:usually\\s+|normally\\s+|always\\s+)?(?:wear|take)\\s+(?:a\\s+|an\\s+)?(?<size>(?:EU|UK|US)\\s*\\d{1,2}(?:[.,]5)?|\\d{1,2}(?:[.,]5)?\\s*(?:EU|UK|US))\\b");
        add(FactKind.SIZE, 0.8, false, m -> m.group("shape").toLowerCase(Locale.ROOT) + " " + m.group("part").toLowerCase(Locale.ROOT),
                "\\b(?:I\\s+have|my)\\s+(?:quite\\s+|very\\s+|rather\\s+)?(?<shape>wide|narrow|broad|small|large|long|high)\\s+(?:arched\\s+)?(?<part>feet|foot|fingers|wrists?|calves|insteps?|arches)\\b");
        add(FactKind.SIZE, 0.8, false, m -> "size " + m.group("size"),
                "\\bI\\s+(?:usually\\s+|normally\\s+|always\\s+)?wear\\s+a\\s+(?<size>\\d{2}(?:[.,]5)?)\\b(?![.,]?\\d)");
        add(FactKind.SIZE, 0.8, false, m -> "size " + m.group("size"),
                "\\b(?:in|the)\\s+same\\s+size\\s*\\(?(?<size>\\d{2}(?:[.,]5)?)\\b");
        add(FactKind.SIZE, 0.8, false, m -> m.group("shape").toLowerCase(Locale.ROOT) + " " + m.group("part").toLowerCase(Locale.ROOT),
                "\\bmy\\s+(?<part>feet|heels|toes|wrists|fingers)\\s+are\\s+(?:a\\s+bit\\s+|quite\\s+|very\\s+|rather\\s+|really\\s+)?(?:on\\s+the\\s+)?(?<shape>wide|narrow|broad|small|slim)\\b");
        add(FactKind.SIZE, 0.8, false, m -> "ring size " + m.group("size"),
                "\\bring\\s+size\\s+(?:is\\s+)?(?<size>[A-Z]|\\d{1,2}(?:[.,]5)?)\\b");
    }

    private void products() {
        String item = "[\"“]?(?<what>(?:(?:a|an|the|two|three|four|several|some|one|another|a\\s+pair\\s+of|a\\s+couple\\s+of)\\s+)?(?:new\\s+)?"
                + "(?:[\\p{L}\\d][\\w+/-]*\\s+){0,3}?[\\p{L}\\d][\\w+/-]*)";
        Rule.ValueOf productValue = m -> product(m.group("what"));
        add(FactKind.PRODUCT, 0.8, false, productValue,
                "\\b(?:I|we)\\s+(?:have\\s+|had\\s+|just\\s+|recently\\s+|also\\s+)*(?:bought|purchased|ordered)\\s+" + item
                        + "(?=\\s+(?:from|for|last|in|on|at|a\\s+few|some|which|that|and|but|with|recently|yesterday|today|two|three|several|due|because|since|so|as|to|after|before|when|while|now|here|there|already|back|again|\\d)\\b|\\s*[,.;:!?()+\"”]|$)");
        add(FactKind.PRODUCT, 0.75, false, m -> {
            String p = product(m.group("what"));
            return p == null ? null : p + " (asked about)";
        }, "\\b(?:I've|I have)\\s+had\\s+my\\s+eye\\s+on\\s+" + item + "(?=\\s+(?:in|for|since|and|from)\\b|\\s*[,.;:!?]|$)");
        add(FactKind.PRODUCT, 0.75, false, productValue,
                "\\bthank\\s+you\\s+for\\s+(?:my|our|the)\\s+" + item + "(?=\\s*[,.;:!?]|\\s+(?:and|which|they|it)\\b|$)");
        add(FactKind.PRODUCT, 0.75, false, m -> {
            String p = product(m.group("what"));
            return p == null ? null : p + " (asked about)";
        }, "\\b(?:do\\s+you\\s+(?:still\\s+)?(?:sell|make|stock)\\s+(?:the\\s+)?|(?:I'm|I am|we're|we are)\\s+interested\\s+in\\s+(?:buying\\s+|ordering\\s+|purchasing\\s+)?)" + item
                + "(?=\\s*[,.;:!?]|\\s+(?:in|for|from|and|or|with)\\b|$)");
    }

    /** A model name: letters then a number ("B210", "x310", "E312", "b200mini-i", "UBX-160"). */
    private static final String MODEL = "(?<model>(?!(?:win\\d|ipv\\d|mp\\d|utf-?\\d|x86|x64|arm\\d|h26\\d|py\\d|usb\\d|ddr\\d|rj\\d|cat\\d|iso\\d|rfc\\d|ieee\\d|gr\\d|uhd))"
            + "[a-z]{1,3}-?\\d{2,4}(?:mini(?:-i)?|[a-z]{1,2})?)(?:'?s)?\\b(?![.-]\\d)";

    private void owned() {
        Rule.ValueOf model = m -> m.group("model").replaceAll("(?<=\\d)s$", "");
        add(FactKind.PRODUCT, 0.8, false, model,
                "\\b(?:my|our)\\s+(?:new\\s+|own\\s+|two\\s+|three\\s+|newly\\s+purchased\\s+)?(?:USRP\\s+|Ettus\\s+)?" + MODEL);
        add(FactKind.PRODUCT, 0.8, false, model,
                "\\b(?:I|we)\\s*(?:'m|'re|am|are|have|'ve|own|use|got|received|bought|purchased|ordered|\\s)+\\s*(?:using\\s+|been\\s+using\\s+)?"
                        + "(?:a|an|the|two|three|one|several|some|a\\s+pair\\s+of|a\\s+few)?\\s*(?:new\\s+)?(?:USRP\\s+|Ettus\\s+)?" + MODEL);
        // Working with, or ending up with, a device is having one: "I am working with the X310 USRP".
        add(FactKind.PRODUCT, 0.8, false, model,
                "\\b(?:I|we)\\s*(?:'m|'re|am|are|have\\s+been|'ve\\s+been)?\\s*(?:currently\\s+|now\\s+|also\\s+)?"
                        + "(?:working|experimenting|playing|ended\\s+up|end\\s+up)\\s+(?:with|on)\\s+"
                        + "(?:a|an|the|two|three|four|my|our|both|several|a\\s+pair\\s+of|a\\s+couple\\s+of|\\d+)?\\s*(?:new\\s+)?(?:USRP\\s+|Ettus\\s+)?" + MODEL);
        add(FactKind.PRODUCT, 0.8, false, model,
                "\\b(?:I|we)\\s+(?:have|own|got)\\s+(?:a\\s+mix\\s+of|a\\s+pair\\s+of|a\\s+couple\\s+of|several|multiple|a\\s+few)\\s+(?:USRP\\s+|Ettus\\s+)?" + MODEL);
    }

    private void problems() {
        String thing = "(?<thing>(?:my|our|the)\\s+(?:new\\s+)?(?:(?!which\\b|that\\b)[\\w+/-]+\\s+){0,2}?(?!which\\b|that\\b)[\\w+/-]+)";
        String ownThing = thing.replace("(?:my|our|the)", "(?:my|our)");
        add(FactKind.PROBLEM, 0.8, true, m -> thingOr(m, "broken") + " broke",
                "\\b" + ownThing + "\\s+(?:is|was|has\\s+been|got|arrived|are|were|have\\s+been)\\s+(?:completely\\s+|totally\\s+|probably\\s+)?(?:broken|damaged|dead|faulty|defective|fried|burnt|burned)\\b");
        add(FactKind.PROBLEM, 0.8, true, m -> thingOr(m, "it") + " stopped working",
                "\\b" + thing + "\\s+(?:suddenly\\s+|just\\s+)?(?:has\\s+|had\\s+)?stopped\\s+working\\b");
        add(FactKind.PROBLEM, 0.8, true, m -> "parcel " + m.group("how").toLowerCase(Locale.ROOT).replaceAll("\\s+", " "),
                "\\b(?:parcel|package|order|delivery|shipment|boots|shoes)\\s+(?:has\\s+|had\\s+)?(?<how>arrived\\s+(?:late|damaged|broken)|never\\s+arrived|(?:has\\s+not|hasn't|still\\s+hasn't|did\\s+not|didn't)\\s+(?:yet\\s+)?arrived?|got\\s+lost|was\\s+lost)\\b");
        add(FactKind.PROBLEM, 0.8, true, m -> thingOr(m, "it") + " not working",
                "\\b" + ownThing + "\\s+(?:is|are|was|were)\\s+(?:still\\s+)?not\\s+working\\b");
        add(FactKind.PROBLEM, 0.8, true, m -> thingOr(m, "it") + " does not power on",
                "\\b" + ownThing + "\\s+(?:does\\s+not|doesn't|will\\s+not|won't|did\\s+not|didn't)\\s+(?:power\\s+(?:on|up)|turn\\s+on|switch\\s+on|boot(?:\\s+up)?)\\b");
        add(FactKind.PROBLEM, 0.75, true, m -> "problem resolved",
                // "it works fine" alone may describe a case ("with small files it works fine"): only "now" makes it a fix.
                "\\b(?:now\\s+(?:it|everything|the\\s+[\\w-]+)\\s+works|(?:it|this|that)\\s+works\\s+like\\s+a\\s+charm"
                        + "|(?:it|that|this)\\s+worked\\s+(?:for\\s+(?:me|us)|like\\s+a\\s+charm|perfectly)"
                        + "|(?:I|we)\\s+(?:finally\\s+)?(?:caught|solved|fixed|figured\\s+out)\\s+(?:the|my|our|this)\\s+(?:problem|issue|bug)"
                        + "|the\\s+(?:problem|issue)\\s+(?:is|was|has\\s+been)\\s+(?:now\\s+)?(?:solved|resolved|fixed))\\b");
        add(FactKind.PROBLEM, 0.75, true, m -> "problem resolved",
                "\\b(?:(?:my|our)\\s+(?:problem|issue)\\s+(?:is|was|has\\s+been)\\s+(?:now\\s+)?(?:solved|resolved|fixed)|(?:this|that|it)\\s+did\\s+the\\s+trick"
                        + "|(?:that|this)\\s+(?:fixed|solved|resolved)\\s+(?:it|the\\s+(?:problem|issue)|my\\s+(?:problem|issue))|solved\\s+the\\s+problem\\s+for\\s+(?:me|us)"
                        + "|(?:it|everything)\\s+works\\s+(?:now|again|fine\\s+now|perfectly\\s+now))\\b");
    }

    private void sources() {
        add(FactKind.SOURCE, 0.85, false, m -> "found the shop " + m.group("how").strip(),
                "\\b(?:I|we)\\s+(?:first\\s+)?(?:found|discovered|came\\s+across|heard\\s+(?:about|of))\\s+(?:you|your\\s+(?:shop|store|work|site|website|page))\\s+(?<how>(?:on|through|via|from|at|in)\\s+(?:my\\s+|a\\s+|an\\s+|the\\s+)?[\\w-]+(?:\\s+(?-i:\\p{Lu})[\\w-]*)?)");
        add(FactKind.SOURCE, 0.85, false, m -> "recommended by " + m.group("who").toLowerCase(Locale.ROOT),
                "\\b(?:my|a)\\s+(?<who>friend|sister|brother|colleague|mother|mum|mom|neighbou?r|cousin|daughter|son)\\s+recommended\\s+(?:you|your\\s+(?:shop|store|work))\\b");
        add(FactKind.SOURCE, 0.8, false, m -> "through " + m.group("who").toLowerCase(Locale.ROOT) + (m.group("name") == null ? "" : " " + m.group("name")),
                "\\b(?:my|a)\\s+(?<who>friend|sister|brother|colleague|mother|mum|mom|neighbou?r|cousin)\\s+(?:(?<name>(?-i:\\p{Lu}\\p{Ll}+))\\s+)?(?:bought|ordered|has|wears)\\s+(?:a\\s+pair\\s+of\\s+|one\\s+of\\s+)?your\\b");
    }

    private void add(FactKind kind, double confidence, boolean dated, Rule.ValueOf value, String regex) {
        rules.add(new Rule(kind, Pattern.compile(regex, CASE_FLAGS), confidence, dated, value));
    }

    private static String placeName(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw.strip().replaceAll("[.'’-]+$", "");
        // Drop trailing words that start the next clause ("Berlin And", "Zurich Since").
        String[] words = name.split("\\s+");
        int keep = words.length;
        while (keep > 0 && NOT_PLACES.contains(words[keep - 1].toLowerCase(Locale.ROOT))) {
            keep--;
        }
        if (keep == 0) {
            return null;
        }
        name = String.join(" ", java.util.Arrays.copyOf(words, keep));
        String lower = name.toLowerCase(Locale.ROOT);
        if (NOT_PLACES.contains(lower) || NOT_PLACES.contains(words[0].toLowerCase(Locale.ROOT))) {
            return null;
        }
        // Acronyms and model numbers are products and tools here, not towns.
        if (name.matches(".*\\d.*") || name.matches("\\p{Lu}{2,}(\\s.*)?") || name.length() < 3) {
            return null;
        }
        return name;
    }

    private static final Set<String> VAGUE = Set.of("it", "them", "one", "some", "this", "that", "these", "those",
            "something", "anything", "nothing", "stuff", "things", "thing", "time", "help", "reply", "answer",
            "response", "information", "info", "idea", "ideas", "advice", "support", "quick", "kind", "all",
            "everything", "email", "mail", "message", "patience", "work", "explanation", "suggestion", "suggestions",
            "clarification", "feedback", "input", "tip", "tips", "hint", "hints", "pointer", "pointers", "insight",
            "effort", "efforts", "assistance", "detailed", "prompt", "fast", "great", "clear", "you", "any",
            "more", "such", "way", "solution", "fix", "link", "code", "update", "answers", "replies", "responses",
            "same", "other", "others", "another", "both", "lot", "lots", "much", "many", "interest", "around", "ago",
            "year", "years", "month", "months", "week", "weeks", "day", "days", "hours", "minutes");

    private static String product(String raw) {
        if (raw == null) {
            return null;
        }
        String p = raw.strip().replaceAll("^(?i)(a|an|the|one|some|another|my|our|your|several|two|three|four|a\\s+few|few)\\s+", "")
                .replaceAll("^(?i)(?:pair|couple)\\s+of\\s+(?:your\\s+|the\\s+)?", "").replaceAll("^(?i)(new|your)\\s+", "");
        String[] words = p.split("\\s+");
        for (String w : words) {
            if (VAGUE.contains(w.toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        // Only a named product is worth remembering: a name, a model number, or a pair of something.
        boolean named = p.matches(".*(\\p{Lu}|\\d).*") || raw.toLowerCase(Locale.ROOT).contains("pair of");
        return named ? p : null;
    }

    private static String thingOr(Matcher m, String fallback) {
        String t = m.group("thing");
        if (t == null) {
            return fallback;
        }
        String bare = t.replaceAll("^(?i)(my|our|the)\\s+", "");
        for (String w : bare.split("\\s+")) {
            if (VAGUE.contains(w.toLowerCase(Locale.ROOT)) || w.equalsIgnoreCase("problem") || w.equalsIgnoreCase("issue")) {
                return null;
            }
        }
        return bare;
    }

    /** Two rules reading the same thing in one sentence ("a few LP0965 antennas" and "LP0965") give one fact. */
    private static boolean overlaps(FoundFact a, FoundFact b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        String x = a.value().toLowerCase(Locale.ROOT);
        String y = b.value().toLowerCase(Locale.ROOT);
        return x.equals(y) || a.sentence().equals(b.sentence()) && (x.contains(y) || y.contains(x));
    }

    private static String when(String sentence) {
        Matcher m = WHEN.matcher(sentence);
        return m.find() ? m.group().strip() : null;
    }

    private static String tidy(String value) {
        return value.replaceAll("\\s+", " ").replaceAll("[\\s,;:]+$", "").strip();
    }

    private static final Pattern HEDGE = Pattern.compile(
            "\\b(?:if|whether|not|no|never|might|may|could|would|can|probably|unless|should|in\\s+case|maybe|perhaps"
                    + "|thought|think|believe|guess|unlikely|seems?|appears?|wonder(?:ing)?)\\b|n't\\b",
            CASE_FLAGS);

    /** A fault only asked about, supposed or denied ("Is it broken?", "if the hardware is damaged") is no fact. */
    private static boolean hedged(String sentence, int matchStart) {
        return sentence.strip().endsWith("?") || HEDGE.matcher(sentence.substring(0, matchStart)).find();
    }

    private static final Pattern SUPPOSE = Pattern.compile(
            "\\b(?:if|whether|would|could|might|may|should|considering|thinking\\s+(?:of|about)|planning|plan\\s+to)\\b", CASE_FLAGS);

    /** A purchase only considered ("if I bought a GPSDO") is not one made. */
    private static boolean supposed(String sentence, int matchStart) {
        return SUPPOSE.matcher(sentence.substring(0, matchStart)).find();
    }

    private static boolean looksEnglish(String text) {
        // Too short for the word count: English unless it is mostly non-Latin letters.
        return text.chars().filter(Character::isLetter).filter(c -> c < 0x250).count()
                >= text.chars().filter(Character::isLetter).count() * 0.9;
    }

    private static boolean looksLikeCodeOrLog(String sentence) {
        long symbols = sentence.chars().filter(c -> "{}[]<>=;_$#|\\/:".indexOf(c) >= 0).count();
        return symbols > sentence.length() / 12 + 2 || sentence.startsWith("[") || sentence.matches("^\\s*(\\$|#|>>>).*");
    }

    private record Rule(FactKind kind, Pattern pattern, double confidence, boolean dated, ValueOf value) {

        interface ValueOf {
            String apply(Matcher m);
        }
    }
}
