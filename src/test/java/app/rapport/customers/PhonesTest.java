package app.rapport.customers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhonesTest {

    @Test
    void aNumberInTheSignatureIsFoundInItsNationalAndInternationalForms() {
        assertThat(Phones.in("Thanks!\nAnna\n\nTel.: +49 7551 9312-40")).containsExactly("51931240");
        assertThat(Phones.in("Anna Mueller\nMobile 07551 931240")).isEqualTo(Phones.in("Anna\n+49 (0)7551 931240"));
    }

    @Test
    void numbersInQuotedMailAreSomebodyElses() {
        assertThat(Phones.in("Yes please.\n\nOn Mon, 2 Nov 2026, Clara wrote:\n> Clara Lindgren\n> Tel. +46 8 123 456 78")).isEmpty();
    }

    @Test
    void addressesDatesAndShortNumbersAreNotPhoneNumbers() {
        assertThat(Phones.in("Set addr=192.168.10.2 on 2026-11-02, order 4711, size 38.")).isEmpty();
    }
}
