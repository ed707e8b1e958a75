package app.rapport.mailbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import app.rapport.AheadOfTime;

/**
 * The accounts of real mailboxes: the one of {@code rapport.mail.*}, used whenever {@code rapport.mail.imap.host}
 * is set, and each one of {@code rapport.accounts[…]}.
 */
@Configuration(proxyBeanMethods = false)
class MailAccountConfiguration {

    private static MailAccount configuredAccount(MailSettings settings) {
        MailSettings.Server imap = settings.imap();
        MailSettings.Server smtp = settings.smtp();
        if (smtp == null || smtp.host() == null || smtp.host().isBlank()) {
            throw new IllegalStateException("rapport.mail.smtp.host (RAPPORT_MAIL_SMTP_HOST) is not set:"
                    + " Rapport needs an SMTP server to send the replies you approve");
        }
        String address = settings.address() != null && !settings.address().isBlank()
                ? settings.address() : imap.user();
        if (address == null || !address.contains("@")) {
            throw new IllegalStateException("rapport.mail.address (RAPPORT_MAIL_ADDRESS) is not an email address: '"
                    + address + "'; set it to the shop's address replies are sent from");
        }
        return new MailAccount("default", address,
                endpoint(imap, 993, 143), endpoint(smtp, 465, 587));
    }

    /**
     * The {@link MailAccount} beans: the default account first, when {@code rapport.mail.imap.host} is set, then
     * one per {@code rapport.accounts[…]} entry. They are registered from the environment as the application
     * starts, not by conditions, because the commands' context is prepared ahead of time at build time (see
     * {@code CommandLine}), when no account is configured.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor mailAccountRegistrar() {
        return new Accounts();
    }

    static MailAccount.Endpoint endpoint(MailSettings.Server s, int tlsPort, int plainPort) {
        int port = s.port() != null ? s.port() : (s.security() == MailAccount.Security.TLS ? tlsPort : plainPort);
        return new MailAccount.Endpoint(s.host(), port, s.security(), s.user(), s.password(), s.trustAnyCertificate(),
                s.trustedCertificate() == null || s.trustedCertificate().isBlank() ? null : s.trustedCertificate());
    }

    static final class Accounts implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (AheadOfTime.preparing()) {
                return;
            }
            if (!environment.getProperty("rapport.mail.imap.host", "").isBlank()) {
                BeanFactory beans = (BeanFactory) registry;
                registry.registerBeanDefinition("configuredAccount", new RootBeanDefinition(MailAccount.class,
                        () -> configuredAccount(beans.getBean(MailSettings.class))));
            }
            List<MailAccountsSettings.Account> accounts = Binder.get(environment)
                    .bind("rapport.accounts", Bindable.listOf(MailAccountsSettings.Account.class))
                    .orElse(List.of());
            Set<String> names = new HashSet<>(Set.of("default", "demo"));
            for (int i = 0; i < accounts.size(); i++) {
                MailAccount account = account(i, accounts.get(i));
                if (!names.add(account.name())) {
                    throw new IllegalStateException("rapport.accounts[" + i + "].name '" + account.name()
                            + "' is used twice; every account needs its own name");
                }
                RootBeanDefinition definition = new RootBeanDefinition(MailAccount.class, () -> account);
                registry.registerBeanDefinition("mailAccount." + account.name(), definition);
            }
        }

        private static MailAccount account(int i, MailAccountsSettings.Account a) {
            String key = "rapport.accounts[" + i + "]";
            if (a.name() == null || !a.name().matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalStateException(key + ".name must be a short name of letters, digits, '.', '_' or '-'");
            }
            if (a.imap() == null || a.imap().host() == null || a.imap().host().isBlank()) {
                throw new IllegalStateException(key + ".imap.host is not set");
            }
            String address = a.address() != null && !a.address().isBlank() ? a.address() : a.imap().user();
            if (address == null || !address.contains("@")) {
                throw new IllegalStateException(key + ".address is not an email address: '" + address + "'");
            }
            MailAccount.Endpoint smtp = a.smtp() == null || a.smtp().host() == null ? null : endpoint(a.smtp(), 465, 587);
            return new MailAccount(a.name(), address, endpoint(a.imap(), 993, 143), smtp);
        }
    }
}
