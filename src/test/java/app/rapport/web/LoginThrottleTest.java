package app.rapport.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-24T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String address) {
        var attempt = new UsernamePasswordAuthenticationToken("owner", "guess");
        attempt.setDetails(new WebAuthenticationDetails(address, null));
        throttle.failed(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("bad")));
    }

    @Test
    void aFewMistakesCostNothing() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS - 1; i++) {
            fail("10.0.0.7");
        }

        assertThat(throttle.waitFor("10.0.0.7")).isZero();
    }

    @Test
    void repeatedFailuresMakeThatAddressWaitLongerEachTime() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            fail("10.0.0.7");
        }
        assertThat(throttle.waitFor("10.0.0.7")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("10.0.0.8")).as("other addresses are not affected").isZero();

        now = now.plusSeconds(31);
        fail("10.0.0.7");

        assertThat(throttle.waitFor("10.0.0.7")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aSuccessfulSignInForgetsTheFailures() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            fail("10.0.0.7");
        }
        var success = new UsernamePasswordAuthenticationToken("owner", null, java.util.List.of());
        success.setDetails(new WebAuthenticationDetails("10.0.0.7", null));

        throttle.succeeded(new AuthenticationSuccessEvent(success));

        assertThat(throttle.waitFor("10.0.0.7")).isZero();
    }
}
