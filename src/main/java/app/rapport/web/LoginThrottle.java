package app.rapport.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing: after {@value #FREE_ATTEMPTS} failed sign-ins from one address, that address
 * must wait before trying again, twice as long after each further failure (up to a quarter of an hour).
 */
class LoginThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = waitFor(request.getRemoteAddr());
        if (!wait.isZero()) {
            response.sendRedirect(request.getContextPath() + "/login?wait=" + Math.max(1, wait.toSeconds()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** How long this address must still wait before it may try to sign in again. */
    Duration waitFor(String address) {
        Failures f = failures.get(address);
        Instant now = Instant.now(clock);
        if (f == null || f.count() < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        long doublings = Math.min(f.count() - FREE_ATTEMPTS, 10);
        Duration penalty = FIRST_WAIT.multipliedBy(1L << doublings);
        if (penalty.compareTo(LONGEST_WAIT) > 0) {
            penalty = LONGEST_WAIT;
        }
        Duration left = Duration.between(now, f.last().plus(penalty));
        return left.isNegative() ? Duration.ZERO : left;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String address = address(event.getAuthentication().getDetails());
        Instant now = Instant.now(clock);
        Failures f = failures.merge(address, new Failures(1, now), (old, one) ->
                Duration.between(old.last(), now).compareTo(FORGET_AFTER) > 0 ? one : new Failures(old.count() + 1, now));
        if (f.count() >= FREE_ATTEMPTS) {
            log.warn("{} failed sign-ins from {}; further attempts are slowed down", f.count(), address);
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(address(event.getAuthentication().getDetails()));
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }
}
