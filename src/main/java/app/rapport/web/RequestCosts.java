package app.rapport.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Keeps the fixed cost of each request low. Timing every security filter and authorization decision on its own
 * costs more than rendering a kept page; requests are still timed as a whole (the {@code http.server.requests}
 * metric).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RequestCosts {

    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
