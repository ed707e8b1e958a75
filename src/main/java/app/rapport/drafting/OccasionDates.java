package app.rapport.drafting;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the days an occasion falls on from the customer's own words ("on 14 March", "next Saturday", "in the
 * summer"), counted from the day they wrote. Words too vague for a note ("soon", "recently", "next year") give
 * nothing, so no note is suggested on a guess.
 */
final class OccasionDates {

    /**
     * The days an occasion falls on.
     *
     * @param exactDay whether the customer named the day itself, not only a week, month or season
     */
    record Span(LocalDate first, LocalDate last, boolean exactDay) {

        /** The span for humans: "14 March", "June", "the week of 3 June". */
        String words() {
            if (exactDay) {
                return first.getDayOfMonth() + " " + monthName(first.getMonth());
            }
            if (first.getDayOfMonth() == 1 && last.equals(first.with(TemporalAdjusters.lastDayOfMonth()))) {
                return monthName(first.getMonth());
            }
            return first.getDayOfMonth() + " " + monthName(first.getMonth()) + " to " + last.getDayOfMonth() + " "
                    + monthName(last.getMonth());
        }
    }

    private static final String MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
    private static final String DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
    private static final Pattern DAY_MONTH = Pattern.compile(
            "^(?:(?<prefix>[a-z ]+?)\\s+)?(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<month>" + MONTHS + ")$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY = Pattern.compile(
            "^(?:(?<prefix>[a-z ]+?)\\s+)?(?<month>" + MONTHS + ")(?:\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY = Pattern.compile("^(?<prefix>[a-z ]+?)\\s+(?<day>" + DAYS + ")$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEASON = Pattern.compile(
            "^(?<prefix>[a-z ]+?)\\s+(?:the\\s+)?(?<season>spring|summer|autumn|fall|winter)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERIOD = Pattern.compile("^(?<prefix>this|next|last)\\s+(?<period>week|weekend|month)$",
            Pattern.CASE_INSENSITIVE);

    private OccasionDates() {
    }

    /**
     * @param when the customer's words for when it happens, as the fact holds them (may be null)
     * @param said the day they wrote it
     */
    static Optional<Span> of(String when, LocalDate said) {
        if (when == null || when.isBlank()) {
            return Optional.empty();
        }
        String w = when.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (w.equals("tomorrow")) {
            return day(said.plusDays(1));
        }
        if (w.equals("yesterday")) {
            return day(said.minusDays(1));
        }
        Matcher m = DAY_MONTH.matcher(w);
        if (m.matches()) {
            return dayOfMonth(m.group("prefix"), Month.valueOf(m.group("month").toUpperCase(Locale.ROOT)),
                    Integer.parseInt(m.group("day")), said);
        }
        m = MONTH_DAY.matcher(w);
        if (m.matches()) {
            Month month = Month.valueOf(m.group("month").toUpperCase(Locale.ROOT));
            if (m.group("day") != null) {
                return dayOfMonth(m.group("prefix"), month, Integer.parseInt(m.group("day")), said);
            }
            return month(m.group("prefix"), month, said);
        }
        m = WEEKDAY.matcher(w);
        if (m.matches()) {
            DayOfWeek day = DayOfWeek.valueOf(m.group("day").toUpperCase(Locale.ROOT));
            return "last".equals(m.group("prefix"))
                    ? day(said.with(TemporalAdjusters.previous(day)))
                    : day(said.with(TemporalAdjusters.next(day)));
        }
        m = SEASON.matcher(w);
        if (m.matches()) {
            return season(m.group("prefix"), m.group("season"), said);
        }
        m = PERIOD.matcher(w);
        if (m.matches()) {
            return period(m.group("prefix"), m.group("period"), said);
        }
        return Optional.empty();
    }

    private static Optional<Span> day(LocalDate d) {
        return Optional.of(new Span(d, d, true));
    }

    private static Optional<Span> dayOfMonth(String prefix, Month month, int dayOfMonth, LocalDate said) {
        if (dayOfMonth < 1 || dayOfMonth > month.maxLength()) {
            return Optional.empty();
        }
        MonthDay md = MonthDay.of(month, dayOfMonth);
        LocalDate thisYear = md.isValidYear(said.getYear()) ? md.atYear(said.getYear()) : said.withMonth(2).withDayOfMonth(28);
        return day(nearest(prefix, thisYear, said));
    }

    private static Optional<Span> month(String prefix, Month month, LocalDate said) {
        LocalDate first = nearest(prefix, LocalDate.of(said.getYear(), month, 1), said);
        LocalDate last = first.with(TemporalAdjusters.lastDayOfMonth());
        if (prefix != null && (prefix.equals("early") || prefix.equals("beginning of"))) {
            last = first.plusDays(9);
        } else if (prefix != null && (prefix.equals("late") || prefix.equals("end of"))) {
            first = last.minusDays(9);
        }
        return Optional.of(new Span(first, last, false));
    }

    private static Optional<Span> season(String prefix, String season, LocalDate said) {
        Month start = switch (season) {
            case "spring" -> Month.MARCH;
            case "summer" -> Month.JUNE;
            case "autumn", "fall" -> Month.SEPTEMBER;
            default -> Month.DECEMBER;
        };
        LocalDate first = LocalDate.of(said.getYear(), start, 1);
        // A season still under way when they wrote is this one; one that has ended is next year's.
        if (first.plusMonths(3).isBefore(said) || first.plusMonths(3).isEqual(said)) {
            first = first.plusYears(1);
        }
        if ("last".equals(prefix)) {
            first = first.minusYears(1);
        }
        if ("next".equals(prefix) && !first.isAfter(said)) {
            first = first.plusYears(1);
        }
        return Optional.of(new Span(first, first.plusMonths(3).minusDays(1), false));
    }

    private static Optional<Span> period(String prefix, String period, LocalDate said) {
        int shift = switch (prefix) {
            case "next" -> 1;
            case "last" -> -1;
            default -> 0;
        };
        return switch (period) {
            case "week" -> {
                LocalDate monday = said.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(shift);
                yield Optional.of(new Span(monday, monday.plusDays(6), false));
            }
            case "weekend" -> {
                LocalDate saturday = said.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(5).plusWeeks(shift);
                yield Optional.of(new Span(saturday, saturday.plusDays(1), false));
            }
            default -> {
                LocalDate first = said.withDayOfMonth(1).plusMonths(shift);
                yield Optional.of(new Span(first, first.with(TemporalAdjusters.lastDayOfMonth()), false));
            }
        };
    }

    /**
     * The year a day or month named without one falls in: last year's after "last", else the coming one, except
     * that a day only a few weeks gone is taken as past ("we got married on 3 May", written in June).
     */
    private static LocalDate nearest(String prefix, LocalDate thisYear, LocalDate said) {
        if ("last".equals(prefix)) {
            return thisYear.isBefore(said) ? thisYear : thisYear.minusYears(1);
        }
        if ("next".equals(prefix)) {
            return thisYear.isAfter(said) ? thisYear : thisYear.plusYears(1);
        }
        return thisYear.isBefore(said.minusDays(60)) ? thisYear.plusYears(1) : thisYear;
    }

    private static String monthName(Month m) {
        return m.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
