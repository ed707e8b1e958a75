package app.rapport;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
class Infrastructure {

    /** The one time source; tests replace it to control time. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}

/** Polling and sending run on schedules in the server; command-line runs switch them off. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rapport.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
class Scheduling {
}
