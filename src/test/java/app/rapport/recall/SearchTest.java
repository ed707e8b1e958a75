package app.rapport.recall;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SearchTest extends LoopTest {

    @Autowired
    Search search;

    @Test
    void findsPastMessagesByWordSenderAndPhraseAndOpensTheirConversation() throws Exception {
        Mails.send(mailServer.smtpPort(), "greta.lind@meer.example", "Greta Lind", SHOP, "Oxblood brogues",
                "Do the oxblood brogues come in a narrow fitting? I live near Konstanz.", "greta.1@meer.example", null);

        SearchResults byWord = await().until(() -> search.find("brogues", 10), r -> !r.hits().isEmpty());
        assertThat(byWord.hits().getFirst().subject()).isEqualTo("Oxblood brogues");
        assertThat(byWord.hits().getFirst().snippet()).contains("<mark>brogues</mark>");

        assertThat(search.find("from:greta brogues", 10).hits()).hasSize(1);
        assertThat(search.find("from:nobody-else brogues", 10).hits()).isEmpty();
        assertThat(search.find("\"narrow fitting\"", 10).hits()).hasSize(1);
        assertThat(search.find("\"fitting narrow\"", 10).hits()).isEmpty();
        assertThat(search.find("subject:oxblood AND NOT konstanz", 10).hits()).isEmpty();

        WebSession web = signedIn();
        WebSession.Page results = web.get("/search?q=brogues");
        String link = results.html().expectFirst("a.hit").attr("href");
        assertThat(web.get(link).html().select("h1").text()).isEqualTo("Oxblood brogues");
    }

    @Test
    void theWordsAReplyQuotesLeadToTheMessageThatSaidThem() throws Exception {
        Mails.send(mailServer.smtpPort(), "ines.berg@hafen.example", "Ines Berg", SHOP, "Suede care",
                "Which brush suits nubuck and suede?", "ines.1@hafen.example", null);
        SearchResults asked = await().until(() -> search.find("nubuck", 10), r -> !r.hits().isEmpty());
        long question = asked.hits().getFirst().messageId();

        Mails.send(mailServer.smtpPort(), "ines.berg@hafen.example", "Ines Berg", SHOP, "Re: Suede care",
                "And a spray for rain, please.\n\nOn Monday you wrote:\n> Which brush suits nubuck and suede?\n",
                "ines.2@hafen.example", "ines.1@hafen.example");
        SearchResults spray = await().until(() -> search.find("spray", 10), r -> !r.hits().isEmpty());

        assertThat(spray.hits().getFirst().messageId()).isNotEqualTo(question);
        SearchResults nubuck = search.find("nubuck", 10);
        assertThat(nubuck.totalMessages()).isEqualTo(1);
        assertThat(nubuck.hits()).singleElement().satisfies(h -> assertThat(h.messageId()).isEqualTo(question));
    }

    @Test
    void aQueryThatCannotBeReadSaysSoInsteadOfFailing() {
        SearchResults results = search.find("subject:(unclosed", 10);

        assertThat(results.error()).contains("could not be read");
        assertThat(results.hits()).isEmpty();
    }

    @Test
    void snippetsEscapeTheMailTheyQuote() throws Exception {
        Mails.send(mailServer.smtpPort(), "mallory@evil.example", "Mallory", SHOP, "Script kiddie",
                "<script>alert(1)</script> zebrawood sample", "mallory.1@evil.example", null);

        SearchResults results = await().until(() -> search.find("zebrawood", 10), r -> !r.hits().isEmpty());

        assertThat(results.hits().getFirst().snippet()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void narrowsByCustomerAndByDateAndOrdersNewestFirst() throws Exception {
        Mails.send(mailServer.smtpPort(), "hedda.moor@fjord.example", "Hedda Moor", SHOP, "Cedar shoe trees",
                "Are the cedar shoe trees back in stock?", "hedda.1@fjord.example", null);
        Mails.send(mailServer.smtpPort(), "ivo.berg@fjord.example", "Ivo Berg", SHOP, "Cedar polish",
                "Which cedar polish do you use?", "ivo.1@fjord.example", null);
        await().until(() -> search.find("cedar", 10).hits().size() == 2);
        await().until(() -> search.find("customer:hedda cedar", 10).hits().size() == 1);

        assertThat(search.find("customer:hedda cedar", 10).hits().getFirst().subject()).isEqualTo("Cedar shoe trees");
        assertThat(search.find("customer:\"Ivo Berg\" cedar", 10).hits()).extracting(SearchHit::subject)
                .containsExactly("Cedar polish");
        assertThat(search.find("customer:nobody-at-all cedar", 10).hits()).isEmpty();
        assertThat(search.find("cedar after:2000-01-01", 10).hits()).hasSize(2);
        assertThat(search.find("cedar before:2000-01-01", 10).hits()).isEmpty();
        assertThat(search.find("after:2000-01-01 before:2999-01-01 subject:cedar", 10).hits()).hasSize(2);
        assertThat(search.find("cedar before:not-a-date", 10).error()).contains("could not be read");
        var newest = search.find("cedar", 10, Search.Order.NEWEST).hits();
        assertThat(newest.get(0).date()).isAfterOrEqualTo(newest.get(1).date());
    }
}
