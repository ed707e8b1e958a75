package app.rapport.customers;

import org.junit.jupiter.api.Test;

import app.rapport.customers.PersonNames.Likeness;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNamesTest {

    private static Likeness compare(String a, String b) {
        return PersonNames.compare(PersonNames.parse(a), PersonNames.parse(b));
    }

    @Test
    void theSameNameInAnotherOrderCaseOrSpellingOfUmlautsIsTheSameName() {
        assertThat(compare("Müller, Anna", "Anna Mueller")).isEqualTo(Likeness.SAME);
        assertThat(compare("anna müller", "Anna Muller")).isEqualTo(Likeness.SAME);
        assertThat(compare("José Álvarez", "Jose ALVAREZ")).isEqualTo(Likeness.SAME);
        assertThat(compare("Dr. Anna M. Keller", "\"Keller, Anna\"")).isEqualTo(Likeness.SAME);
        assertThat(compare("Straße, Jörg", "Jörg Strasse")).isEqualTo(Likeness.SAME);
    }

    @Test
    void aLastInitialOrAMissingLastNameOnlyFits() {
        assertThat(compare("Anna M.", "Anna Mueller")).isEqualTo(Likeness.SIMILAR);
        assertThat(compare("Anna", "Anna Müller")).isEqualTo(Likeness.SIMILAR);
        assertThat(compare("A. Mueller", "Anna Müller")).isEqualTo(Likeness.SIMILAR);
        assertThat(compare("Anna", "anna")).isEqualTo(Likeness.SIMILAR);
    }

    @Test
    void otherPeopleDoNotFit() {
        assertThat(compare("Anna Mueller", "Anna Schmidt")).isEqualTo(Likeness.NONE);
        assertThat(compare("Anna Mueller", "Hans Mueller")).isEqualTo(Likeness.NONE);
        assertThat(compare("Anna M.", "Anna Schmidt")).isEqualTo(Likeness.NONE);
        assertThat(compare("A. M.", "Anna Mueller")).isEqualTo(Likeness.NONE);
        assertThat(compare("Anna Mueller", "anna@mueller.example")).isEqualTo(Likeness.NONE);
        assertThat(compare("Support Team 2", "Support Team 2")).isEqualTo(Likeness.NONE);
    }

    @Test
    void aMailingListsDecorationIsNotPartOfTheName() {
        assertThat(compare("Marcus D. Leech via USRP-users", "Leech, Marcus")).isEqualTo(Likeness.SAME);
        assertThat(compare("Anna - Mueller", "Anna Mueller")).isEqualTo(Likeness.SAME);
    }
}
