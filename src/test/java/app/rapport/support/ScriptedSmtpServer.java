package app.rapport.support;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An SMTP server whose answers a test writes in advance, per recipient. Each recipient has a queue of answers
 * to the end of the message data ("250 OK", "451 4.7.1 try later", or {@link #DROP} to hang up without a word,
 * {@link #SILENT} to say nothing at all); the last one repeats. {@code RCPT:} answers do the same for RCPT TO.
 * It records every message it saw the end of, and every one it accepted.
 */
public final class ScriptedSmtpServer implements Closeable {

    /** Close the connection instead of answering. */
    public static final String DROP = "DROP";
    /** Never answer; the client has to time out. */
    public static final String SILENT = "SILENT";

    /** One message whose data the server read to the final dot, and what it answered. */
    public record Transaction(String recipient, String answer, String data) {
        public boolean accepted() {
            return answer.startsWith("250");
        }
    }

    private final ServerSocket socket;
    private final Map<String, Deque<String>> dataAnswers = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> rcptAnswers = new ConcurrentHashMap<>();
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-smtp").start(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Answers to the end of the data of messages to {@code recipient}, in order; the last one repeats. */
    public ScriptedSmtpServer answerData(String recipient, String... answers) {
        dataAnswers.put(key(recipient), new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Answers to RCPT TO for {@code recipient}, in order; the last one repeats. */
    public ScriptedSmtpServer answerRcpt(String recipient, String... answers) {
        rcptAnswers.put(key(recipient), new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Messages to {@code recipient} whose data reached the server, whatever it answered. */
    public List<Transaction> transactionsFor(String recipient) {
        return transactions.stream().filter(t -> t.recipient().equals(key(recipient))).toList();
    }

    /** Messages to {@code recipient} the server accepted with 250: what the recipient would receive. */
    public List<Transaction> acceptedFor(String recipient) {
        return transactionsFor(recipient).stream().filter(Transaction::accepted).toList();
    }

    @Override
    public void close() throws IOException {
        never.countDown();
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread.ofVirtual().name("scripted-smtp-session").start(() -> session(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-scripted.test\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO") || upper.startsWith("NOOP")) {
                    reply(out, "250 OK");
                } else if (upper.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT TO")) {
                    String rcpt = key(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                    String answer = next(rcptAnswers, rcpt, "250 2.1.5 OK");
                    if (!act(out, answer)) {
                        return;
                    }
                    if (answer.startsWith("250")) {
                        recipients.add(rcpt);
                    }
                } else if (upper.startsWith("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    String data = readData(in);
                    String rcpt = recipients.isEmpty() ? "" : recipients.getFirst();
                    String answer = next(dataAnswers, rcpt, "250 2.0.0 OK queued");
                    transactions.add(new Transaction(rcpt, answer, data));
                    if (!act(out, answer)) {
                        return;
                    }
                } else if (upper.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away: nothing to record.
        } finally {
            open.remove(client);
        }
    }

    /** Sends the answer, or hangs up / stays silent; false when the session is over. */
    private boolean act(OutputStream out, String answer) throws IOException, InterruptedException {
        if (answer.equals(DROP)) {
            return false;
        }
        if (answer.equals(SILENT)) {
            never.await();
            return false;
        }
        reply(out, answer);
        return !answer.startsWith("421");
    }

    private static String next(Map<String, Deque<String>> answers, String recipient, String otherwise) {
        Deque<String> queue = answers.get(recipient);
        if (queue == null) {
            return otherwise;
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            String unstuffed = line.startsWith("..") ? line.substring(1) : line;
            data.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return data.toString(StandardCharsets.UTF_8);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String key(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
