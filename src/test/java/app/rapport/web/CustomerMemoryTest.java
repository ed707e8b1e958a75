package app.rapport.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.FactState;
import app.rapport.customers.Facts;
import app.rapport.mailbox.Messages;
import app.rapport.recall.CustomerRecall;
import app.rapport.recall.Recollection;
import app.rapport.recall.Search;
import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CustomerMemoryTest extends LoopTest {

    @Autowired
    Customers customers;

    @Autowired
    Facts facts;

    @Autowired
    Messages messages;

    @Autowired
    CustomerRecall recall;

    @Autowired
    Search search;

    @Autowired
    app.rapport.customers.FactLearning learning;

    private Customer customer(String address) {
        return await().until(() -> customers.findByAddress(address), Optional::isPresent).get();
    }

    private List<Fact> factsOf(Customer c, int atLeast) {
        return await().until(() -> facts.of(customers.addressesOf(c.id())), f -> f.size() >= atLeast);
    }

    @Test
    void factsComeFromTheCustomersOwnWordsNeverFromQuotedMail() throws Exception {
        Mails.send(mailServer.smtpPort(), "hedda.berg@fjord.example", "Hedda Berg", SHOP, "Re: Your order",
                """
                Thank you, I usually wear a size 38.

                Best wishes,
                Hedda

                > On Monday the shop wrote:
                > We live in Trondheim and my husband Ole loves oxblood leather.""",
                "hedda.1@fjord.example", null);

        Customer hedda = customer("hedda.berg@fjord.example");
        List<Fact> found = factsOf(hedda, 1);
        await().until(() -> messages.count() > 0 && !facts.of(List.of(hedda.id())).isEmpty());

        assertThat(found).extracting(Fact::kind, Fact::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FactKind.SIZE, "size 38"));
        assertThat(found.getFirst().sentence()).isEqualTo("Thank you, I usually wear a size 38.");
        assertThat(customers.expect(hedda.id()).firstName()).isEqualTo("Hedda");
    }

    @Test
    void theOwnerConfirmsCorrectsAndRejectsFactsAndAddsNotesOnTheCustomerPage() throws Exception {
        Mails.send(mailServer.smtpPort(), "ines.moreau@lac.example", "Ines Moreau", SHOP, "Walking boots",
                "Hello! We live in Annecy, by the lake. My daughter Lou wants the same boots, and my birthday is in June.\n\nThanks, Ines",
                "ines.1@lac.example", null);
        Customer ines = customer("ines.moreau@lac.example");
        factsOf(ines, 3);

        WebSession web = signedIn();
        WebSession.Page list = web.get("/customers?q=moreau");
        assertThat(list.html().select("a.customer-row .who").eachText()).containsExactly("Ines Moreau");

        WebSession.Page page = web.get("/customers/" + ines.id());
        assertThat(page.html().select(".fact-group h3").eachText())
                .contains("Place", "People in their life", "Occasions and life events");
        Element place = page.html().select(".fact-group").stream()
                .filter(g -> g.expectFirst("h3").text().equals("Place")).findFirst().orElseThrow()
                .expectFirst("li.fact");
        assertThat(place.expectFirst(".fact-value").text()).isEqualTo("Annecy");

        // The source opens the conversation with the sentence marked.
        WebSession.Page source = web.get(place.expectFirst(".fact-source a").attr("href"));
        assertThat(source.html().expectFirst("mark.source").text())
                .isEqualTo("We live in Annecy, by the lake.");
        assertThat(source.html().select("aside.customer .recall .fact strong").eachText()).contains("Annecy");

        String placeId = place.id().substring("fact".length());
        page = web.submit(page, "form[action$=/facts/" + placeId + "/confirm]", Map.of(), null);
        assertThat(facts.expect(Long.parseLong(placeId)).state()).isEqualTo(FactState.CONFIRMED);

        Fact person = facts.of(List.of(ines.id())).stream().filter(f -> f.kind() == FactKind.PERSON).findFirst().orElseThrow();
        page = web.submit(page, "form[action$=/facts/" + person.id() + "/correct]", Map.of("value", "daughter Louise"), null);
        assertThat(facts.expect(person.id())).satisfies(f -> {
            assertThat(f.value()).isEqualTo("daughter Louise");
            assertThat(f.originalValue()).isEqualTo("daughter Lou");
            assertThat(f.state()).isEqualTo(FactState.CORRECTED);
        });

        Fact occasion = facts.of(List.of(ines.id())).stream().filter(f -> f.kind() == FactKind.OCCASION).findFirst().orElseThrow();
        assertThat(occasion.when()).isEqualTo("in June");
        page = web.submit(page, "form[action$=/facts/" + occasion.id() + "/reject]", Map.of(), null);
        assertThat(facts.of(List.of(ines.id()))).extracting(Fact::id).doesNotContain(occasion.id());

        page = web.submit(page, "form[action$=/notes]", Map.of("text", "Prefers parcels left with the neighbour."), null);
        page = web.submit(page, "form.add-fact", Map.of("kind", "TASTE", "value", "likes navy suede"), null);
        assertThat(page.html().select(".note-text").eachText()).contains("Prefers parcels left with the neighbour.");
        assertThat(page.html().select(".fact-value").eachText()).contains("likes navy suede", "Annecy", "daughter Louise");

        page = web.submit(page, "form.rename", Map.of("displayName", "Inès Moreau", "firstName", "Inès"), null);
        assertThat(customers.expect(ines.id()).firstName()).isEqualTo("Inès");
        assertThat(page.html().expectFirst("h1").text()).isEqualTo("Inès Moreau");
    }

    @Test
    void recallForAReplyGivesVouchedFactsFirstEarlierConversationsAndSimilarMail() throws Exception {
        Mails.send(mailServer.smtpPort(), "jonas.wirth@tal.example", "Jonas Wirth", SHOP, "Resoling my mountain boots",
                "We live in Chur. Could you resole my mountain boots with a Vibram sole?", "jonas.1@tal.example", null);
        Customer jonas = customer("jonas.wirth@tal.example");
        factsOf(jonas, 1);
        Mails.send(mailServer.smtpPort(), "kai.lorenz@berg.example", "Kai Lorenz", SHOP, "Vibram resole",
                "Do you resole mountain boots with a Vibram sole as well?", "kai.1@berg.example", null);
        customer("kai.lorenz@berg.example");
        Mails.send(mailServer.smtpPort(), "jonas.wirth@tal.example", "Jonas Wirth", SHOP, "Another resole",
                "My wife Petra would like her mountain boots resoled with Vibram too.", "jonas.2@tal.example", null);
        long second = await().until(() -> messages.idsByMessageIds(List.of("jonas.2@tal.example")), l -> !l.isEmpty()).getFirst();
        await().until(() -> search.find("customer:" + jonas.id() + " petra", 10).hits().size() == 1);
        await().until(() -> search.find("kai", 10).hits().size() == 1);

        Fact chur = facts.of(List.of(jonas.id())).stream().filter(f -> f.kind() == FactKind.PLACE).findFirst().orElseThrow();
        facts.confirm(chur.id());
        Recollection r = recall.forMessage(second, 5);

        assertThat(r.customer()).map(Customer::id).contains(jonas.id());
        assertThat(r.facts().getFirst().value()).isEqualTo("Chur");
        assertThat(r.facts()).extracting(Fact::value).contains("wife Petra");
        assertThat(r.earlier()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("Resoling my mountain boots");
            assertThat(e.firstLines()).startsWith("We live in Chur.");
        });
        assertThat(r.similarFromCustomer()).extracting(s -> s.subject()).containsExactly("Resoling my mountain boots");
        assertThat(r.similarFromOthers()).extracting(s -> s.subject()).contains("Vibram resole");
    }

    @Test
    void customerSearchNarrowsToOnePersonOverAllTheirAddresses() throws Exception {
        Mails.send(mailServer.smtpPort(), "lena.fuchs@home.example", "Lena Fuchs", SHOP, "Chelsea boots",
                "Are the walnut chelsea boots back in stock? We live in Lindau.", "lena.1@home.example", null);
        Mails.send(mailServer.smtpPort(), "lena.fuchs@work.example", "Lena Fuchs", SHOP, "Chelsea boots again",
                "Writing from work: any news on the walnut chelsea boots? We live in Lindau.", "lena.2@work.example", null);
        Mails.send(mailServer.smtpPort(), "max.ott@else.example", "Max Ott", SHOP, "Walnut chelsea",
                "I also want walnut chelsea boots.", "max.1@else.example", null);
        Customer home = customer("lena.fuchs@home.example");
        Customer work = customer("lena.fuchs@work.example");
        customer("max.ott@else.example");
        await().until(() -> search.find("walnut", 10).hits().size() == 3);

        assertThat(search.find("customer:lena.fuchs@home.example walnut", 10).hits()).hasSize(1);

        WebSession web = signedIn();
        WebSession.Page page = web.get("/customers/" + home.id());
        factsOf(work, 1);
        assertThat(customers.mergeSuggestions(home.id())).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("same name, same name before the @, said the same fact"));
        assertThat(page.html().select(".merge p").text()).contains("lena.fuchs@work.example");
        page = web.submit(page, ".merge form", Map.of(), null);
        assertThat(customers.personOf(work.id()).id()).isEqualTo(home.id());
        assertThat(page.html().select(".addresses .address").eachText())
                .containsExactly("lena.fuchs@home.example", "lena.fuchs@work.example");

        assertThat(search.find("customer:" + home.id() + " walnut", 10).hits()).hasSize(2);
        assertThat(search.find("customer:lena.fuchs@work.example walnut", 10).hits()).hasSize(2);
        page = web.get("/customers/" + home.id() + "?q=walnut");
        assertThat(page.html().select(".customer-search a.hit .subject").eachText())
                .containsExactlyInAnyOrder("Chelsea boots", "Chelsea boots again");
        assertThat(search.find("customer:nobody@none.example walnut", 10).error()).contains("No customer");

        page = web.submit(page, ".addresses form", Map.of(), null);
        assertThat(customers.personOf(work.id()).id()).isEqualTo(work.id());
        assertThat(search.find("customer:" + home.id() + " walnut", 10).hits()).hasSize(1);
    }

    @Test
    void readingAllMailAgainSuggestsNoFactTwiceAndBringsNoRejectedFactBack() throws Exception {
        Mails.send(mailServer.smtpPort(), "olga.berg@see.example", "Olga Berg", SHOP, "Hello",
                "We live in Bregenz and my son Emil needs shoes.", "olga.1@see.example", null);
        Customer olga = customer("olga.berg@see.example");
        List<Fact> before = factsOf(olga, 2);
        Fact son = before.stream().filter(f -> f.kind() == FactKind.PERSON).findFirst().orElseThrow();
        facts.reject(son.id());

        learning.relearn(n -> { });

        assertThat(facts.of(List.of(olga.id()))).extracting(Fact::value).containsExactly("Bregenz");
    }
}
