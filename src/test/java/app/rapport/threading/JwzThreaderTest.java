package app.rapport.threading;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JwzThreaderTest {

    private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

    private static JwzThreader.Item item(String id, String refs, String subject, int day, String party, boolean bulk) {
        List<String> references = refs.isEmpty() ? List.of() : List.of(refs.split(" "));
        return new JwzThreader.Item(id, id, references, subject, T.plusSeconds(day * 86_400L), party, bulk);
    }

    @Test
    void threadsAReplyChainInAnyOrderThroughMissingParents() {
        Map<String, String> threads = JwzThreader.threadIds(List.of(
                item("c", "a b", "Re: Boots", 2, "anna@x", false),
                item("a", "", "Boots", 0, "anna@x", false),
                item("d", "missing c", "Re: Boots", 3, "anna@x", false)));

        assertThat(threads).containsEntry("a", "a").containsEntry("c", "a").containsEntry("d", "a");
    }

    @Test
    void cyclicAndSelfReferencesTerminateInOneThread() {
        Map<String, String> threads = JwzThreader.threadIds(List.of(
                item("a", "a", "Loop", 0, "x@x", false),
                item("b", "c", "Re: Loop", 1, "x@x", false),
                item("c", "b", "Re: Loop", 2, "x@x", false)));

        assertThat(threads.get("b")).isEqualTo(threads.get("c"));
        assertThat(threads.get("a")).isEqualTo("a");
    }

    @Test
    void aLongReferenceChainDoesNotOverflowTheStack() {
        List<JwzThreader.Item> chain = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            chain.add(item("m" + i, i == 0 ? "" : "m" + (i - 1), "Re: long", 0, "x@x", false));
        }

        assertThat(JwzThreader.thread(chain)).hasSize(1);
    }

    @Test
    void repliesOfTwoCustomersToOneNewsletterStayApart() {
        Map<String, String> threads = JwzThreader.threadIds(List.of(
                item("news", "", "Autumn collection", 0, "news@shop", true),
                item("anna", "news", "Re: Autumn collection", 1, "anna@x", false),
                item("tom", "news", "Re: Autumn collection", 1, "tom@x", false),
                item("anna2", "news anna", "Re: Autumn collection", 2, "anna@x", false)));

        assertThat(threads.get("anna")).isNotEqualTo(threads.get("tom")).isNotEqualTo(threads.get("news"));
        assertThat(threads.get("anna2")).isEqualTo(threads.get("anna"));
    }

    @Test
    void groupsBySubjectOnlyWithoutHeadersForTheSameCustomerWithinTheWindow() {
        Map<String, String> threads = JwzThreader.threadIds(List.of(
                item("first", "", "Order 1234", 0, "anna@x", false),
                item("again", "", "Re: Order 1234", 3, "anna@x", false),
                item("other", "", "Re: Order 1234", 4, "tom@x", false),
                item("late", "", "Re: Order 1234", 40, "anna@x", false)));

        assertThat(threads.get("again")).isEqualTo("first");
        assertThat(threads.get("other")).isEqualTo("other");
        assertThat(threads.get("late")).isEqualTo("late");
    }

    @Test
    void keepsTwoMessagesWithTheSameMessageIdAndThreadsThemTogether() {
        var a = new JwzThreader.Item("file1", "same@x", List.of(), "Hi", T, "a@x", false);
        var b = new JwzThreader.Item("file2", "same@x", List.of(), "Hi (edited)", T.plusSeconds(60), "a@x", false);

        Map<String, String> threads = JwzThreader.threadIds(List.of(a, b));

        assertThat(threads).containsOnlyKeys("file1", "file2");
        assertThat(threads.get("file1")).isEqualTo(threads.get("file2"));
    }

    @Test
    void customersAnsweringAMissingNewsletterStayApartWhileListRepliesToAMissingPostJoin() {
        Map<String, String> threads = JwzThreader.threadIds(List.of(
                item("anna", "gone-news", "Re: Autumn", 1, "anna@x", false),
                item("tom", "gone-news", "Re: Autumn", 1, "tom@x", false),
                item("list1", "gone-post", "Re: [list] Driver", 1, "a@x", true),
                item("list2", "gone-post", "Re: [list] Driver", 2, "b@x", true)));

        assertThat(threads.get("anna")).isNotEqualTo(threads.get("tom"));
        assertThat(threads.get("list1")).isEqualTo(threads.get("list2"));
    }
}
