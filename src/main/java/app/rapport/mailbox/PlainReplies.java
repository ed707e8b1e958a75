package app.rapport.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts quoted earlier mail, forwarded mail, signatures, sign-offs, disclaimers and list footers from a
 * plain-text body. Works line by line, so a body of any size costs one pass plus a few look-aheads.
 */
final class PlainReplies {

    /** "On … wrote:" in the languages customers write in, as one line (wrapped attributions are joined first). */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(?:"
                    + "(?:On|Le|El|Il|Op|Em|Den|Am|W dniu|В|Dne|Il giorno|Em \\S+,?) .{2,300}"
                    + "(?:wrote|a écrit|escribió|escribio|ha scritto|scritto|schreef|escreveu|skrev|schrieb|pisze|napisał|napisała|napisał\\(a\\)|написал|написала|написал\\(а\\)|пишет|napsal)"
                    + "(?: .{0,120})?\\s*[:：]"
                    + "|.{2,300}(?:wrote|a écrit|escribió|ha scritto|schreef|escreveu|skrev|schrieb|pisze|napisał|napisała|написал|написала|пишет)\\s*[:：]"
                    + "|(?:在|于).{2,200}(?:写道|寫道)\\s*[:：]?"
                    + "|.{2,200}(?:写道|寫道)\\s*[:：]"
                    + "|\\d{4}年\\d{1,2}月\\d{1,2}日.{0,200}[:：]"
                    + "|.{2,200}(?:のメッセージ|さんは書きました|は書きました)\\s*[:：]"
                    + "|.{0,120}\\d.{0,200}(?: от | from |, )\"?[^<>]{0,100}\"?\\s*<[^<>@\\s]+@[^<>\\s]+>\\s*[:：]"
                    + ")$");

    /** How an attribution that a mail client wrapped over several lines begins. */
    private static final Pattern WRAPPED_START = Pattern.compile(
            "^(?:On|Am|Le|El|Il|Op|Em|Den|W dniu|В|Dne|Il giorno) |^(?:在|于)|^\\d{4}年|^\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}");

    /** A line that opens a quoted header block ("From: …") in any of the common languages. */
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^\\**(?:From|Von|De|Da|Van|Från|Od|От|Fra|Lähettäjä|发件人|寄件者|差出人|送信者)\\s*\\**\\s*[:：].*",
            Pattern.CASE_INSENSITIVE);
    /** The other lines of such a block. */
    private static final Pattern HEADER_OTHER = Pattern.compile(
            "^\\**(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|Date d'envoi|À|Objet|Enviado|Fecha|Para|Asunto|"
                    + "Inviato|Data|A|Oggetto|Verzonden|Aan|Onderwerp|Skickat|Till|Ämne|Wysłano|Temat|Do|"
                    + "Отправлено|Дата|Кому|Тема|发送时间|日期|收件人|主题|寄件日期|收件者|主旨|送信日時|宛先|件名)\\s*\\**\\s*[:：].*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile(
            "^(?:-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|"
                    + "Oorspronkelijk bericht|Mensagem original|Ursprungligt meddelande|Oryginalna wiadomość|Исходное сообщение|原始邮件|"
                    + "Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|"
                    + "Doorgestuurd bericht|Mensagem encaminhada|Vidarebefordrat meddelande|Przekazana wiadomość|Пересылаемое сообщение|转发的邮件)"
                    + "\\s*-{0,}|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:|Début du message réexpédié :?"
                    + "|_{10,}|-{10,}|={10,})$",
            Pattern.CASE_INSENSITIVE);
    /** A bare rule is only a separator when a quoted header block follows it. */
    private static final Pattern RULE = Pattern.compile("^(?:_{10,}|-{10,}|={10,})$");
    /** One "label: value" line of a quoted header block, whatever language the client wrote its labels in. */
    private static final Pattern LABELLED_LINE = Pattern.compile("^\\**\\p{L}[\\p{L} .'-]{0,24}\\**\\s*[:：]\\s*\\S.*");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^(?:Sent from my [\\p{L}\\p{N} ]{1,40}|Sent from an? [\\p{L} ]{1,40}|Sent from (?:Mail|Outlook|Yahoo Mail|AOL Mobile Mail)[\\p{L}\\p{N} ]{0,40}"
                    + "|Sent from [\\p{L}\\p{N}]+ for (?:iOS|Android|Windows[\\p{N} ]*)|Get Outlook for (?:iOS|Android)"
                    + "|Sent (?:via|with) [\\p{L}\\p{N}. ]{1,40}|Sent on the go.*"
                    + "|Von meinem [\\p{L}\\p{N} ]{1,40} gesendet|Gesendet von [\\p{L}\\p{N} ]{1,40}"
                    + "|Envoyé de mon [\\p{L}\\p{N} ]{1,40}|Enviado desde mi [\\p{L}\\p{N} ]{1,40}|Inviato da(?:l mio)? [\\p{L}\\p{N} ]{1,40}"
                    + "|Verstuurd (?:vanaf|met) mijn [\\p{L}\\p{N} ]{1,40}|Enviado do meu [\\p{L}\\p{N} ]{1,40}"
                    + "|Skickat från min [\\p{L}\\p{N} ]{1,40}|Wysłane z (?:mojego )?[\\p{L}\\p{N} ]{1,40}"
                    + "|Отправлено с (?:моего )?[\\p{L}\\p{N} ]{1,40}|从我的[\\p{L}\\p{N} ]{1,40}发送|发自我的[\\p{L}\\p{N} ]{1,40}"
                    + "|[\\p{L}\\p{N} ]{1,40}から送信)\\.?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DISCLAIMER = Pattern.compile(
            "^(?:\\**\\s*)?(?:CONFIDENTIALITY|DISCLAIMER|CAUTION: This (?:e-?mail|message)|NOTICE: This|IMPORTANT NOTICE"
                    + "|This (?:e-?mail|message|communication)(?: and any (?:files|attachments)(?: transmitted with it)?)? (?:is|are|may contain|contains?|may be) (?:confidential|intended|privileged)"
                    + "|The information (?:contained )?in this (?:e-?mail|message|communication)"
                    + "|Diese (?:E-Mail|Nachricht) (?:enthält|kann) vertrauliche|Ce message (?:et|est) .{0,40}confidenti"
                    + "|Este (?:mensaje|correo) .{0,40}confidencial|Questo messaggio .{0,40}riservat).*",
            Pattern.CASE_INSENSITIVE);
    /** Mailman and Google Groups footers appended by a list, not written by the sender. */
    private static final Pattern LIST_FOOTER = Pattern.compile(
            "^(?:[\\p{L}\\p{N}._-]+ mailing list|You received this message because you are subscribed to .*"
                    + "|To unsubscribe (?:from this group|send an email to).*)$", Pattern.CASE_INSENSITIVE);

    private PlainReplies() {
    }

    static String newText(String text) {
        if (text == null) {
            return "";
        }
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').split("\n", -1));
        List<String> kept = cutQuotes(lines);
        kept = cutSignature(kept);
        String result = String.join("\n", kept).strip();
        return result.contains("\n\n\n") ? BLANK_RUNS.matcher(result).replaceAll("\n\n") : result;
    }

    private static final Pattern BLANK_RUNS = Pattern.compile("\n{3,}");
    private static final Pattern DIGIT = Pattern.compile("\\d");

    private static List<String> cutQuotes(List<String> lines) {
        List<String> out = new ArrayList<>();
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (isSeparator(t) && (!RULE.matcher(t).matches()
                    || startsHeaderBlock(lines, nextNonBlank(lines, i + 1))
                    || startsLabelledBlock(lines, nextNonBlank(lines, i + 1)))) {
                return out;
            }
            if (isFooterStart(lines, i)) {
                return out;
            }
            if (startsHeaderBlock(lines, i)) {
                return out;
            }
            int attribution = attributionLength(lines, i);
            if (attribution > 0) {
                int after = i + attribution;
                if (interleaved(lines, after)) {
                    i = after - 1;
                    continue;
                }
                return out;
            }
            if (isQuoted(t)) {
                int after = skipQuoted(lines, i);
                if (!interleaved(lines, i)) {
                    return out;
                }
                i = after - 1;
                continue;
            }
            out.add(line);
        }
        return out;
    }

    /** Lines after a quote that the sender wrote between quoted parts (a bottom-posted or inline answer). */
    private static boolean interleaved(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && (lines.get(i).isBlank() || isQuoted(lines.get(i).strip()))) {
            i++;
        }
        boolean sawQuote = false;
        for (int j = from; j < i; j++) {
            sawQuote |= isQuoted(lines.get(j).strip());
        }
        if (!sawQuote || i >= lines.size()) {
            return false;
        }
        String t = lines.get(i).strip();
        return !isSignatureStart(t) && !isFooterStart(lines, i) && !startsHeaderBlock(lines, i)
                && attributionLength(lines, i) == 0 && !isSeparator(t);
    }

    private static int skipQuoted(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && (isQuoted(lines.get(i).strip()) || lines.get(i).isBlank())) {
            i++;
        }
        return i;
    }

    private static boolean isQuoted(String stripped) {
        return stripped.startsWith(">");
    }

    /** How many lines (1–3) an attribution line spans when mail clients wrapped it, or 0. */
    private static int attributionLength(List<String> lines, int i) {
        String joined = "";
        for (int k = 0; k < 3 && i + k < lines.size(); k++) {
            String t = lines.get(i + k).strip();
            if (t.isEmpty() || isQuoted(t) && k > 0) {
                return 0;
            }
            joined = k == 0 ? t : joined + " " + t;
            if (joined.length() > 400) {
                return 0;
            }
            if (mayBeAttribution(joined) && ATTRIBUTION.matcher(joined).matches()
                    && plausibleAttribution(joined, lines, i + k + 1)) {
                return k + 1;
            }
            if (k == 0 && !mayBeWrapped(t)) {
                // only an attribution that begins like one can go on over the next line
                return 0;
            }
        }
        return 0;
    }

    /** {@link #WRAPPED_START}, with a look at the first character before the pattern runs. */
    private static boolean mayBeWrapped(String line) {
        char c = line.charAt(0);
        boolean possible = c >= '0' && c <= '9' || "OALEIDWВ在于".indexOf(c) >= 0;
        return possible && WRAPPED_START.matcher(line).lookingAt();
    }

    /**
     * Words one of which every {@link #ATTRIBUTION} holds, unless it names an address in angle brackets: its verbs
     * ("escribi" stands for both spellings, "napisa" for every form), the Chinese "wrote", the Japanese year and
     * its two endings.
     */
    private static final String[] ATTRIBUTION_WORDS = {"wrote", "a écrit", "escribi", "scritto", "schreef",
            "escreveu", "skrev", "schrieb", "pisze", "napisa", "написал", "пишет", "napsal", "写道", "寫道", "年",
            "のメッセージ", "は書きました"};

    /**
     * Every attribution ends with a colon or the Chinese "wrote", and holds one of its words or an address:
     * checking that first keeps long bodies cheap (a line that ends with a colon is common, the pattern is not).
     */
    private static boolean mayBeAttribution(String line) {
        char last = line.charAt(line.length() - 1);
        if (last != ':' && last != '：' && !line.contains("写道") && !line.contains("寫道")) {
            return false;
        }
        if (line.indexOf('<') >= 0 && line.indexOf('@') >= 0) {
            return true;
        }
        for (String word : ATTRIBUTION_WORDS) {
            if (line.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** An attribution is followed by the quote it introduces, not by more of the sender's own words. */
    private static boolean plausibleAttribution(String attribution, List<String> lines, int after) {
        int next = nextNonBlank(lines, after);
        return next >= lines.size() || isQuoted(lines.get(next).strip())
                || attribution.indexOf('@') >= 0 || DIGIT.matcher(attribution).find();
    }

    private static boolean startsHeaderBlock(List<String> lines, int i) {
        if (i >= lines.size()) {
            return false;
        }
        String first = lines.get(i).strip();
        if (!hasColon(first) || !HEADER_FROM.matcher(first).matches()) {
            return false;
        }
        int others = 0;
        for (int k = i + 1; k < Math.min(lines.size(), i + 8) && others < 2; k++) {
            String t = lines.get(k).strip();
            if (hasColon(t) && HEADER_OTHER.matcher(t).matches()) {
                others++;
            }
        }
        return others >= 2;
    }

    /**
     * Below a rule, three or more "label: value" lines naming an address are a quoted header block even in a
     * language whose labels are not listed (a Korean or Thai mail client's "From:").
     */
    private static boolean startsLabelledBlock(List<String> lines, int i) {
        int labelled = 0;
        boolean address = false;
        for (int k = i; k < lines.size() && LABELLED_LINE.matcher(lines.get(k).strip()).matches(); k++) {
            labelled++;
            address |= lines.get(k).contains("@");
        }
        return labelled >= 3 && address;
    }

    private static boolean isFooterStart(List<String> lines, int i) {
        String t = lines.get(i).strip();
        if (t.length() >= 20 && t.chars().allMatch(c -> c == '_')) {
            int next = nextNonBlank(lines, i + 1);
            return next < lines.size() && LIST_FOOTER.matcher(lines.get(next).strip()).matches();
        }
        return t.startsWith("You received this message because you are subscribed to")
                || t.startsWith("--") && i + 1 < lines.size()
                && lines.get(i + 1).strip().startsWith("You received this message because you are subscribed");
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    private static List<String> cutSignature(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (line.equals("-- ") || line.equals("--") || line.equals("—") || isSignatureStart(t)) {
                return lines.subList(0, i);
            }
        }
        return lines;
    }

    private static boolean isSignatureStart(String stripped) {
        if (stripped.isEmpty()) {
            return false;
        }
        return stripped.equals("--") || stripped.equals("-- ")
                || mayBeSignOff(stripped) && SIGN_OFF.matcher(stripped).matches()
                || DISCLAIMER_FIRST.indexOf(stripped.charAt(0)) >= 0 && DISCLAIMER.matcher(stripped).matches();
    }

    /*
     * Each line of a body is tried against the patterns above, and most lines match none of them. The checks below
     * are conditions every match fulfils (a character it must start with, a colon it must contain), so that a line
     * of a long message is passed over without running the patterns. (The patterns fold case in ASCII only.)
     */

    private static final String SEPARATOR_FIRST = "-_=BbAaDd";
    private static final String SIGN_OFF_FIRST = "SsGgVvEeIiWwО从发";
    private static final String DISCLAIMER_FIRST = "*CcDdNnIiTtEeQq";

    private static boolean isSeparator(String stripped) {
        return !stripped.isEmpty() && SEPARATOR_FIRST.indexOf(stripped.charAt(0)) >= 0
                && SEPARATOR.matcher(stripped).matches();
    }

    private static boolean mayBeSignOff(String stripped) {
        return SIGN_OFF_FIRST.indexOf(stripped.charAt(0)) >= 0 || stripped.contains("から送信");
    }

    private static boolean hasColon(String stripped) {
        return stripped.indexOf(':') >= 0 || stripped.indexOf('：') >= 0;
    }
}
