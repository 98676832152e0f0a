package cn.ankang.bangfu.shared.values;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The {@code activeOn} argument of a list of things that last a period (postings,
 * pairings): only those in force on the date, or all when it is null. A record so that it
 * can be part of a batch key.
 *
 * @param date the date, or null for all
 */
public record ActiveOn(@Nullable LocalDate date) {
}
