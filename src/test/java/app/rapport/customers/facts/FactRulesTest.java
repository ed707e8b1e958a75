package app.rapport.customers.facts;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.rapport.customers.FactKind;
import app.rapport.customers.FoundFact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FactRulesTest {

    private final FactRules rules = new FactRules();

    private List<FoundFact> find(String text) {
        return rules.find(text);
    }

    @Test
    void findsWhereTheCustomerLivesWithTheSentenceItWasSaidIn() {
        List<FoundFact> facts = find("""
                Dear Clara,

                I just wanted to say thank you. We live in Überlingen, right on Lake Constance, so the lakeside
                paths are often wet and muddy this time of year.

                Warm greetings from the lake,
                Anna""");

        assertThat(facts).filteredOn(f -> f.kind() == FactKind.PLACE).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo("Überlingen, Lake Constance");
            assertThat(f.sentence()).startsWith("We live in Überlingen, right on Lake Constance, so the lakeside paths");
            assertThat(f.confidence()).isGreaterThanOrEqualTo(0.8);
        });
    }

    @Test
    void findsFamilyAndPetsByRoleAndName() {
        assertThat(find("I took them on a long walk with my daughter Mia and our dog, Bruno."))
                .extracting(FoundFact::kind, FoundFact::value)
                .contains(tuple(FactKind.PERSON, "daughter Mia"), tuple(FactKind.PERSON, "dog Bruno"));
    }

    @Test
    void aDaughterboardIsNotADaughter() {
        assertThat(find("I replaced my daughter board and my daughterboard, then my daughter-card too. It is fine."))
                .noneMatch(f -> f.kind() == FactKind.PERSON);
    }

    @Test
    void occasionsKeepTheirDateWhenItIsSaid() {
        assertThat(find("I'm wondering whether the derbies would be a treat for my birthday in spring."))
                .extracting(FoundFact::kind, FoundFact::value, FoundFact::when)
                .containsExactly(tuple(FactKind.OCCASION, "birthday", "in spring"));
        assertThat(find("We are getting married in June and I need shoes for it."))
                .extracting(FoundFact::value, FoundFact::when).contains(tuple("wedding", "in June"));
        assertThat(find("I have been looking for a job since my contract ended."))
                .extracting(FoundFact::value).contains("looking for a job");
    }

    @Test
    void sizeTasteProductProblemAndSource() {
        List<FoundFact> facts = find("""
                I usually wear a size 39 and I have quite wide feet. I love dark brown leather.
                I bought the Alder derbies last year. My parcel arrived late, but that fixed it.
                I found you on Instagram.""");

        assertThat(facts).extracting(FoundFact::kind, FoundFact::value).contains(
                tuple(FactKind.SIZE, "size 39"), tuple(FactKind.SIZE, "wide feet"),
                tuple(FactKind.TASTE, "likes dark brown leather"), tuple(FactKind.PRODUCT, "Alder derbies"),
                tuple(FactKind.PROBLEM, "parcel arrived late"), tuple(FactKind.PROBLEM, "problem resolved"),
                tuple(FactKind.SOURCE, "found the shop on Instagram"));
    }

    @Test
    void softwareIsNotAPlace() {
        assertThat(find("We moved to UHD 4.1 and I live in Ubuntu most days. I moved to Vivado 2019.")).isEmpty();
    }

    @Test
    void mailInAnotherLanguageYieldsItsLanguageAndNoOtherFact() {
        assertThat(find("Hallo Clara, ich wohne in Konstanz und meine Tochter Mia hat bald Geburtstag. Vielen Dank für die Schuhe!"))
                .extracting(FoundFact::kind, FoundFact::value).containsExactly(tuple(FactKind.LANGUAGE, "German"));
        assertThat(find("你好，我的USRP B210无法连接到电脑，请问怎么解决这个问题？谢谢"))
                .extracting(FoundFact::kind, FoundFact::value).containsExactly(tuple(FactKind.LANGUAGE, "Chinese"));
    }

    @Test
    void readsTheNameSomeoneSignsWith() {
        assertThat(SignOffs.firstName("Could you resole them?\n\nThanks, Sofia")).isEqualTo("Sofia");
        assertThat(SignOffs.firstName("See you soon.\n\nWarm greetings from the lake,\nAnna")).isEqualTo("Anna");
        assertThat(SignOffs.firstName("See you soon.\n\nBest regards,\nThomas Meyer")).isEqualTo("Thomas");
        assertThat(SignOffs.firstName("Is it waterproof?\nThe USRP works.")).isNull();
    }

    @Test
    void ownedModelsAreProductsButSupposedPurchasesAreNot() {
        assertThat(find("I have an E310 running UHD 3.15 and we also use our X310s daily."))
                .extracting(FoundFact::kind, FoundFact::value)
                .containsExactlyInAnyOrder(tuple(FactKind.PRODUCT, "E310"), tuple(FactKind.PRODUCT, "X310"));
        assertThat(find("For example, if I bought a GPSDO with a better ADEV, would the radio realise it?")).isEmpty();
        assertThat(find("I have a USRP2 that I bought around 10 years ago.")).isEmpty();
        assertThat(find("Does re-plugging the cable help, or do you have to power-cycle the USRP?")).isEmpty();
        assertThat(find("I am working with the X310 USRP. A few months ago I ended up with a pair of USRP E312's."))
                .extracting(FoundFact::value).containsExactlyInAnyOrder("X310", "E312");
        assertThat(find("I have a mix of N320/N321 boards.")).extracting(FoundFact::value).containsExactly("N320");
        assertThat(find("Is anyone working with the X410 yet?")).isEmpty();
    }

    @Test
    void faultsAndFixesCountOnlyWhenTheWriterHadThem() {
        assertThat(find("This problem is fixed in UHD 4.7 if you look at the example code.")).isEmpty();
        assertThat(find("The Auto data type appears to be broken. If the hardware is damaged, which chip fails?")).isEmpty();
        assertThat(find("Thanks Sam, that did the trick.")).extracting(FoundFact::value).containsExactly("problem resolved");
        assertThat(find("Our mother organisation, the radio club, hosts the conference.")).isEmpty();
        assertThat(find("One of our b200mini-i is not working properly.")).extracting(FoundFact::value)
                .containsExactlyInAnyOrder("b200mini-i", "b200mini-i not working");
        assertThat(find("My new watch does not power on.")).extracting(FoundFact::value)
                .containsExactly("new watch does not power on");
        assertThat(find("The problem was resolved. Now the example works fine.")).extracting(FoundFact::value)
                .containsExactly("problem resolved");
        assertThat(find("I finally caught the bug, I had swapped the ports.")).extracting(FoundFact::value)
                .containsExactly("problem resolved");
        assertThat(find("If it works like a charm for you, tell me. I have not fixed the problem yet.")).isEmpty();
        assertThat(find("Is your board not working either?")).isEmpty();
        assertThat(find("When I try small files, it works fine. With large ones it times out.")).isEmpty();
    }

    @Test
    void aMailingListFooterOrANameInAnotherScriptIsNotALanguage() {
        assertThat(find("""
                _______________________________________________
                USRP-users mailing list
                USRP-users@lists.ettus.com
                http://lists.ettus.com/mailman/listinfo/usrp-users_lists.ettus.com""")).isEmpty();
        assertThat(find("I am experiencing a power issue with two devices when using the adapters.\n\nАмартүвшин Чагнаадорж"))
                .noneMatch(f -> f.kind() == FactKind.LANGUAGE);
    }

    @Test
    void readsTheDemoCustomersTheWayTheyWrite() {
        assertThat(find("In sneakers I wear a 44, in dress shoes usually a 43.5. My feet are a bit on the wide side."))
                .extracting(FoundFact::kind, FoundFact::value)
                .containsExactlyInAnyOrder(tuple(FactKind.SIZE, "size 44"), tuple(FactKind.SIZE, "wide feet"));
        assertThat(find("I'm moving to Basel in spring and would love to have them ready for the move."))
                .extracting(FoundFact::kind, FoundFact::value, FoundFact::when)
                .containsExactly(tuple(FactKind.OCCASION, "moving to Basel", "in spring"));
        assertThat(find("My friend Julie bought a pair of your boots when she was visiting Freiburg last year."))
                .extracting(FoundFact::kind, FoundFact::value)
                .containsExactlyInAnyOrder(tuple(FactKind.PERSON, "friend Julie"), tuple(FactKind.SOURCE, "through friend Julie"));
        assertThat(find("Would it be possible to exchange them?\n\nViele Grüße aus Karlsruhe\nLukas Brandt"))
                .extracting(FoundFact::kind, FoundFact::value).containsExactly(tuple(FactKind.PLACE, "Karlsruhe"));
        assertThat(find("I bought a pair of your Birch boots (the cognac ones) two years ago."))
                .extracting(FoundFact::kind, FoundFact::value).containsExactly(tuple(FactKind.PRODUCT, "Birch boots"));
    }
}
