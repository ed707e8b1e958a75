package app.rapport.drafting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import app.rapport.customers.Customer;
import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.FactState;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.Search;
import app.rapport.recall.SearchResults;
import app.rapport.support.Apps;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The optional model, against a local server that speaks the OpenAI chat API and gives canned answers. */
class ModelWriterTest {

    private static final Instant EARLIER = Instant.parse("2026-02-01T09:00:00Z");
    private static final Fact KONSTANZ = new Fact(1, 7, FactKind.PLACE, "Konstanz", null, null,
            "We live in Konstanz, right by the harbour.", 11L, EARLIER, 0.85, FactState.SUGGESTED);
    private static final Fact SISTER_IN_CONFIDENCE = new Fact(2, 7, FactKind.PERSON, "sister Lena", null, null,
            "Between us, my sister Lena is expecting twins.", 11L, EARLIER, 0.8, FactState.SUGGESTED);

    private final OwnerProfile owner = new OwnerProfile("Clara Lindgren", "Lindgren Shoes", "Freiburg");
    private final OwnerVoice voice = new OwnerVoice("Hello", "Best wishes from {place},", "Clara\nLindgren Shoes");
    private final Customer ines = new Customer(7, "ines@bodensee.example", "Ines Weber", "Ines", EARLIER);
    private final StoredMessage question = new StoredMessage(12, "ines.2@bodensee.example", List.of(), Direction.INBOUND,
            "ines@bodensee.example", "Ines Weber", List.of("clara@lindgren-shoes.example"), "Re: Boots for the lake paths",
            Instant.parse("2026-03-01T09:00:00Z"), "How long does a pair take to make?\n\nInes",
            "How long does a pair take to make?\n\nInes", false, null, "0".repeat(64), 40);
    private final DraftComposer.Recall recall = new DraftComposer.Recall(List.of(KONSTANZ, SISTER_IN_CONFIDENCE),
            List.of(), false);
    private final List<IntentScore> intents = Intents.score(question.subject(), question.newText(), false);

    private HttpServer server;
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String answer;
    private volatile int status = 200;
    private volatile boolean silent;

    @BeforeEach
    void startFakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        if (silent) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = (status == 200 ? new ObjectMapper().writeValueAsString(Map.of("id", "chatcmpl-1", "object",
                "chat.completion", "created", 1767225600, "model", "test-model", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", answer)))))
                : "{\"error\":{\"message\":\"model not loaded\"}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private ModelWriter writer(Duration timeout) {
        ModelSettings settings = new ModelSettings("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "test-model", "sk-test-key", timeout, 3);
        Search search = mock(Search.class);
        when(search.find(anyString(), anyInt())).thenReturn(new SearchResults("", List.of(), 0, null));
        Messages messages = mock(Messages.class);
        when(messages.byIds(any())).thenReturn(List.of());
        return new ModelWriter(settings, search, messages, owner, List.<MailAccount>of());
    }

    private DraftComposer composer(ModelWriter model) {
        OwnerVoices voices = mock(OwnerVoices.class);
        when(voices.current()).thenReturn(voice);
        return new DraftComposer(null, new TemplateRenderer("does-not-exist"), owner, voices, model);
    }

    @Test
    void theModelWritesTheDraftAndARememberedFactItUsesBecomesATouchWithItsSource() {
        answer = "Hello Ines,\n\nA pair takes about [weeks] to make. I hope all is well in Konstanz.\n\n"
                + "Best wishes from Freiburg,\nClara\nLindgren Shoes";

        Composition c = composer(writer(Duration.ofSeconds(5))).compose(question, ines, List.of(question), recall,
                intents, 0, true);

        assertThat(c.writtenBy()).isEqualTo("model");
        assertThat(c.flag()).isNull();
        assertThat(c.text()).contains("I hope all is well in Konstanz.");
        assertThat(c.touches()).singleElement().satisfies(t -> {
            assertThat(t.fact()).isEqualTo(KONSTANZ);
            assertThat(t.text()).isEqualTo("I hope all is well in Konstanz.");
        });
        String request = requests.peek();
        assertThat(request).contains("\"model\":\"test-model\"").contains("Konstanz").contains("How long does a pair take")
                .as("a fact told in confidence is never given to the model").doesNotContain("Lena");
        assertThat(authorizations.peek()).isEqualTo("Bearer sk-test-key");
    }

    @Test
    void aFactTheModelInventsIsTakenOutAndTheDraftFlagged() {
        answer = "Hello Ines,\n\nA pair takes about [weeks] to make. I hope your daughter Mila enjoyed her trip to Vienna!"
                + " I hope all is well in Konstanz.\n\nBest wishes from Freiburg,\nClara\nLindgren Shoes";

        Composition c = composer(writer(Duration.ofSeconds(5))).compose(question, ines, List.of(question), recall,
                intents, 0, true);

        assertThat(c.text()).doesNotContain("Mila").doesNotContain("Vienna").contains("I hope all is well in Konstanz.")
                .startsWith("Hello Ines,").contains("A pair takes about [weeks] to make.");
        assertThat(c.flag()).contains("not in their history").contains("daughter Mila");
    }

    @Test
    void aModelThatDoesNotAnswerInTimeFallsBackToTheTemplate() {
        silent = true;
        answer = "never sent";

        Composition c = composer(writer(Duration.ofMillis(300))).compose(question, ines, List.of(question), recall,
                intents, 0, true);

        assertThat(c.writtenBy()).isEqualTo("template");
        assertThat(c.text()).startsWith("Hello Ines,").contains("Best wishes from Freiburg,");
    }

    @Test
    void aModelServerErrorFallsBackToTheTemplate() {
        status = 500;

        Composition c = composer(writer(Duration.ofSeconds(5))).compose(question, ines, List.of(question), recall,
                intents, 0, true);

        assertThat(c.writtenBy()).isEqualTo("template");
        assertThat(requests).hasSize(1);
    }

    @Test
    void theRunningAppWritesDraftsThroughTheModelWhenAUrlIsSet(@TempDir Path data) {
        answer = "Hello Ines,\n\nA pair takes about [weeks] to make.\n\nBest wishes from Freiburg,\nClara\nLindgren Shoes";
        try (ConfigurableApplicationContext app = Apps.start(data,
                "rapport.drafting.model.url=http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "rapport.drafting.model.name=test-model")) {
            Apps.storeMail(app, "ines.app@bodensee.example", "Ines Weber <ines@bodensee.example>",
                    "How long for a pair?", "Hello, how long does a pair of boots take to make?");
            Drafts drafts = app.getBean(Drafts.class);

            Draft draft = await().atMost(Duration.ofSeconds(30)).until(() -> drafts.open(0, 10).stream().findFirst(),
                    Optional::isPresent).orElseThrow();

            assertThat(drafts.basis(draft.id()).writtenBy()).isEqualTo("model");
            assertThat(draft.text()).contains("A pair takes about [weeks] to make.");
            assertThat(requests.peek()).contains("how long does a pair of boots take to make");
        }
    }

    @Test
    void withoutAModelUrlNothingIsAsked() {
        ModelSettings off = new ModelSettings("", "m", "", Duration.ofSeconds(1), 3);
        ModelWriter model = new ModelWriter(off, mock(Search.class), mock(Messages.class), owner, List.of());

        Composition c = composer(model).compose(question, ines, List.of(question), recall, intents, 0, true);

        assertThat(model.enabled()).isFalse();
        assertThat(c.writtenBy()).isEqualTo("template");
        assertThat(requests).isEmpty();
    }
}
