package cn.ankang.bangfu.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.view.ViewColumnType;

/**
 * A cell's value as its column's type says, for the writers: money as an exact
 * {@link BigDecimal} of yuan, whole numbers as longs, dates as {@link LocalDate},
 * instants as the {@link LocalDateTime} of Beijing, yes/no as 是/否, everything else as
 * text. A value that does not read as its type stays text rather than be lost.
 */
final class Cells {

	private Cells() {
	}

	static @Nullable Object typed(ViewColumnType type, @Nullable Object value, ZoneId zone) {
		if (value == null) {
			return null;
		}
		try {
			return switch (type) {
				case MONEY, DECIMAL,
						RATIO ->
					(value instanceof BigDecimal decimal) ? decimal
							: (value instanceof Double || value instanceof Float) ? ((Number) value).doubleValue()
									: new BigDecimal(value.toString());
				case INTEGER ->
					(value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
				case DATE -> (value instanceof LocalDate date) ? date : LocalDate.parse(value.toString());
				case DATE_TIME -> time(value, zone);
				case BOOLEAN -> (value instanceof Boolean yes) ? (yes ? "是" : "否") : value.toString();
				case TEXT, IDENTIFIER, ENUM -> value.toString();
			};
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return value.toString();
		}
	}

	private static LocalDateTime time(Object value, ZoneId zone) {
		if (value instanceof LocalDateTime local) {
			return local;
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.atZoneSameInstant(zone).toLocalDateTime();
		}
		if (value instanceof ZonedDateTime zoned) {
			return zoned.withZoneSameInstant(zone).toLocalDateTime();
		}
		if (value instanceof Instant instant) {
			return instant.atZone(zone).toLocalDateTime();
		}
		return OffsetDateTime.parse(value.toString()).atZoneSameInstant(zone).toLocalDateTime();
	}

}
