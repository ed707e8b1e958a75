package app.rapport.customers;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MergeSuggestionsTest extends LoopTest {

    @Autowired
    Customers customers;

    private Customer customer(String address) {
        return await().until(() -> customers.findByAddress(address), Optional::isPresent).get();
    }

    private List<String> suggestedFor(Customer c) {
        return customers.mergeSuggestions(c.id()).stream().map(s -> s.other().address() + ": " + s.reason()).toList();
    }

    @Test
    void theSameNameWrittenInAnotherOrderWithoutUmlautsIsSuggested() throws Exception {
        Mails.send(mailServer.smtpPort(), "jw@weisshaupt-home.example", "Weißhaupt, Jörg", SHOP, "Boots",
                "Do you resole hiking boots?", "jw.1@weisshaupt-home.example", null);
        Mails.send(mailServer.smtpPort(), "joerg.w@office-mail.example", "Joerg Weisshaupt", SHOP, "Laces",
                "Do you have red laces?", "jw.2@office-mail.example", null);
        Customer home = customer("jw@weisshaupt-home.example");
        customer("joerg.w@office-mail.example");

        assertThat(suggestedFor(home)).containsExactly("joerg.w@office-mail.example: same name");
    }

    @Test
    void aNameThatOnlyFitsIsSuggestedWhenTheyGaveTheSamePhoneNumber() throws Exception {
        Mails.send(mailServer.smtpPort(), "t.brunnhuber@firm-thekla.example", "Thekla Brunnhuber", SHOP, "Sandals",
                "Are the cork sandals made to measure?\n\nThekla Brunnhuber\nMobile: 044 555 12 34",
                "tb.1@firm-thekla.example", null);
        Mails.send(mailServer.smtpPort(), "tb.private@mobile-thekla.example", "Thekla B.", SHOP, "Sandals again",
                "Any news on the sandals?\n\nThekla\n+41 44 555 12 34", "tb.2@mobile-thekla.example", null);
        Mails.send(mailServer.smtpPort(), "thekla@someone-else.example", "Thekla Marti", SHOP, "Sandals too",
                "I want cork sandals.\nTel. +41 31 999 88 77", "tb.3@someone-else.example", null);
        Mails.send(mailServer.smtpPort(), "thekla.b@unrelated-thekla.example", "Thekla", SHOP, "Hello",
                "Do you sell belts?", "tb.4@unrelated-thekla.example", null);
        Customer firm = customer("t.brunnhuber@firm-thekla.example");
        customer("tb.private@mobile-thekla.example");
        customer("thekla@someone-else.example");
        customer("thekla.b@unrelated-thekla.example");

        assertThat(suggestedFor(firm))
                .containsExactly("tb.private@mobile-thekla.example: similar name, same phone number");
    }

    @Test
    void aNameThatOnlyFitsIsSuggestedWhenTheyWroteInTheSameConversation() throws Exception {
        Mails.send(mailServer.smtpPort(), "ida.kowalczyk@ida-home.example", "Ida Kowalczyk", SHOP, "Wedding shoes",
                "I need ivory wedding shoes.", "ik.1@ida-home.example", null);
        Customer ida = customer("ida.kowalczyk@ida-home.example");
        Mails.send(mailServer.smtpPort(), "ik@ida-phone.example", "Ida K.", SHOP, "Re: Wedding shoes",
                "Writing from my phone: size 37.", "ik.2@ida-phone.example", "ik.1@ida-home.example");
        Customer phone = customer("ik@ida-phone.example");

        await().until(() -> suggestedFor(ida),
                s -> s.equals(List.of("ik@ida-phone.example: similar name, wrote in the same conversation")));

        customers.merge(ida.id(), phone.id());
        assertThat(suggestedFor(ida)).isEmpty();
        customers.separate(phone.id());
        assertThat(suggestedFor(ida)).hasSize(1);
    }

    @Test
    void aFirstNameAloneWithNoSharedHistoryIsNotSuggested() throws Exception {
        Mails.send(mailServer.smtpPort(), "quirin@quirin-one.example", "Quirin", SHOP, "Belts",
                "Do you sell belts?", "qu.1@quirin-one.example", null);
        Mails.send(mailServer.smtpPort(), "q.lehner@quirin-two.example", "Quirin Lehner", SHOP, "Boots",
                "Do you sell boots?", "qu.2@quirin-two.example", null);
        Customer one = customer("quirin@quirin-one.example");
        customer("q.lehner@quirin-two.example");

        assertThat(suggestedFor(one)).isEmpty();
    }
}
