package app.rapport.drafting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When Rapport suggests a note nobody asked for ({@code rapport.drafting.notes.*}).
 *
 * @param welcomeAfter   how long after the owner answered a first-time customer a welcome note is suggested
 * @param checkInAfter   how long after a problem was answered a check-in is suggested
 * @param quietPeriod    at most one suggested note per customer in this period
 * @param birthdayBefore how long before a birthday the customer named the day of a birthday note is suggested, so
 *                       it can be approved and arrive in time
 * @param occasionAfter  how long after a wedding, a move, a new job or a holiday a note asking how it went is
 *                       suggested
 * @param occasionLate   how long after its right moment an occasion note is still worth suggesting
 * @param seasonAudience who gets a seasonal note: customers who wrote (or were written to) within this period
 */
@ConfigurationProperties("rapport.drafting.notes")
public record NoteSettings(@DefaultValue("2d") Duration welcomeAfter, @DefaultValue("7d") Duration checkInAfter,
                           @DefaultValue("30d") Duration quietPeriod, @DefaultValue("2d") Duration birthdayBefore,
                           @DefaultValue("3d") Duration occasionAfter, @DefaultValue("7d") Duration occasionLate,
                           @DefaultValue("180d") Duration seasonAudience) {
}
