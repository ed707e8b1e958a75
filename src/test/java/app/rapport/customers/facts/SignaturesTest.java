package app.rapport.customers.facts;

import org.junit.jupiter.api.Test;

import app.rapport.customers.FactKind;
import app.rapport.customers.FoundFact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SignaturesTest {

    @Test
    void roleCompanyAndTownComeFromTheSignatureBlock() {
        String text = """
                Could you send the invoice again?

                --\u0020
                Marta Lindqvist
                Senior Product Designer, Nordlicht Studio
                Seestraße 4, D-78462 Konstanz

                On Monday Clara wrote:
                > Software Engineer at Quoted Corp
                """;

        assertThat(Signatures.facts(Signatures.of(text)))
                .extracting(FoundFact::kind, FoundFact::value, FoundFact::sentence)
                .containsExactly(
                        tuple(FactKind.WORK, "Senior Product Designer, Nordlicht Studio", "Senior Product Designer, Nordlicht Studio"),
                        tuple(FactKind.PLACE, "Konstanz", "Seestraße 4, D-78462 Konstanz"));
    }

    @Test
    void withoutADashLineTheSignatureIsWhatFollowsTheClosingWords() {
        String text = """
                Can you post the output of ifconfig?

                Best regards,
                Sam Reiter
                SDR Applications Engineer
                Ettus Research

                On Monday Clara wrote:
                > Best regards,
                > Clara
                > Head of Sales
                > Quoted Corp
                """;

        assertThat(Signatures.facts(Signatures.of(text)))
                .extracting(FoundFact::kind, FoundFact::value, FoundFact::sentence)
                .containsExactly(tuple(FactKind.WORK, "SDR Applications Engineer, Ettus Research", "SDR Applications Engineer"));
    }

    @Test
    void wordsAfterAThankYouInTheMiddleOfTheTextAreNoSignature() {
        String text = """
                Thanks,
                the new sole fits. My brother is a Software Engineer
                and he says hello.
                """;

        assertThat(Signatures.facts(Signatures.of(text))).isEmpty();
    }

    @Test
    void aSignatureInsideQuotedMailIsNotTheWriters() {
        String text = """
                Thanks!

                On Monday Clara wrote:
                > --\u0020
                > Clara Lindgren, Owner, Lindgren Shoes
                > 78462 Konstanz
                """;

        assertThat(Signatures.of(text)).isEmpty();
    }
}
