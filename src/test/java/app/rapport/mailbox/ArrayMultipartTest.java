package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.junit.jupiter.api.Test;

/**
 * The parser splits multiparts in the message's array; every shape here, the well-formed and the broken, must come
 * out exactly as the mail library's own reader splits it: the same parts with the same headers and bytes, the same
 * preamble, the same "complete" flag, the same error.
 */
class ArrayMultipartTest {

    private static final String HEAD = "From: a@example.com\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n";

    private static final List<String> BODIES = List.of(
            "pre\r\n--b1\r\nContent-Type: text/plain\r\n\r\none\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b1--\r\nepilogue\r\n",
            "--b1\r\n\r\nno headers\r\n--b1--",
            "--b1\n\nunix line ends\n--b1\nX-A: 1\n\nsecond\n--b1--\n",
            "--b1\rX: cr only\r\rbody\r--b1--\r",
            "--b1   \r\n\r\nboundary with blanks after it\r\n--b1 \t \r\nX: y\r\n\r\nlast\r\n--b1--  \r\n",
            "--b1\r\n\r\nthe end boundary is missing\r\n",
            "--b1\r\n\r\ntext--b1\r\nnot a boundary: no line end before it\r\n--b1--\r\n",
            "--b1\r\n\r\n--b1\r\n\r\nan empty first part\r\n--b1--\r\n",
            "--b1\r\n\r\nx\r\n--b1-x\r\nnot a boundary: one dash\r\n--b1x\r\nnor this\r\n--b1--\r\n",
            "--b1\r\nX: header without end\r\n--b1--",
            "no boundary at all\r\n",
            "--b1--\r\nonly the end boundary\r\n",
            "----- dashes in the preamble\r\n--b1\r\n\r\nbody\r\n--b1--\r\n",
            "--b1\r\nContent-Type: multipart/alternative; boundary=b2\r\n\r\n--b2\r\n\r\nnested\r\n--b2--\r\n\r\n--b1--\r\n",
            "--b1\r\n\r\nbody\r\n\r\n--b1\r\n\r\n--b1",
            "--b1\r\n\r\ncr cr lf\r\r\n--b1--\r\n",
            "--b1\r\n\r\nline end then blanks then boundary\r\n --b1--\r\n--b1--\r\n",
            "");

    private static Session session() {
        return Session.getInstance(new Properties());
    }

    private static String describe(MimeMultipart multipart) throws Exception {
        StringBuilder out = new StringBuilder();
        try {
            int count = multipart.getCount();
            out.append("parts ").append(count).append(" complete ").append(multipart.isComplete())
                    .append(" preamble ").append(multipart.getPreamble()).append('\n');
            for (int i = 0; i < count; i++) {
                MimeBodyPart part = (MimeBodyPart) multipart.getBodyPart(i);
                out.append("headers ").append(Collections.list(part.getAllHeaderLines())).append('\n');
                try (var raw = part.getRawInputStream()) {
                    out.append("bytes [").append(new String(raw.readAllBytes(), StandardCharsets.ISO_8859_1)).append("]\n");
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            out.append("error ").append(e.getClass().getSimpleName()).append(' ').append(e.getMessage());
        }
        return out.toString();
    }

    @Test
    void everyShapeIsSplitAsTheMailLibrarySplitsIt() throws Exception {
        MessageParser parser = new MessageParser();
        List<String> checked = new ArrayList<>();
        for (String body : BODIES) {
            byte[] raw = (HEAD + body).getBytes(StandardCharsets.ISO_8859_1);
            MimeMessage message = new MimeMessage(session(), new SharedByteArrayInputStream(raw));
            String library = describe(new MimeMultipart(new MimePartDataSource(message)));
            String ours = describe(parser.multipartOf(raw));
            assertThat(ours).as(body).isEqualTo(library);
            checked.add(ours);
        }
        // the shapes really differ: parts found, parts dropped, incomplete ones, errors
        assertThat(checked).anyMatch(d -> d.startsWith("parts 2 complete true"))
                .anyMatch(d -> d.contains("complete false"))
                .anyMatch(d -> d.startsWith("error"));
    }
}
