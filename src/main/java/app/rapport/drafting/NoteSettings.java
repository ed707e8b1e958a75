package app.rapport.drafting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When Rapport suggests a note nobody asked for ({@code rapport.drafting.notes.*}).
 *
 * @param welcomeAfter how long after the owner answered a first-time customer a welcome note is suggested
 * @param checkInAfter how long after a problem was answered a check-in is suggested
 * @param quietPeriod  at most one suggested note per customer in this period
 */
@ConfigurationProperties("rapport.drafting.notes")
public record NoteSettings(@DefaultValue("2d") Duration welcomeAfter, @DefaultValue("7d") Duration checkInAfter,
                           @DefaultValue("30d") Duration quietPeriod) {
}
