package cn.ankang.bangfu.shared.values;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Reads the nullable and typed columns that JDBC makes awkward.
 */
public final class Rows {

	private Rows() {
	}

	/** The enum constant named by a text column, or null when the column is null. */
	public static <E extends Enum<E>> @Nullable E enumOrNull(ResultSet rs, String column, Class<E> type)
			throws SQLException {
		String value = rs.getString(column);
		return (value != null) ? Enum.valueOf(type, value) : null;
	}

	/** The enum constant named by a non-null text column. */
	public static <E extends Enum<E>> E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
		return Enum.valueOf(type, rs.getString(column));
	}

	/** A date column, or null. */
	public static @Nullable LocalDate dateOrNull(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	/** A non-null date column. */
	public static LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	/** A non-null timestamptz column. */
	public static OffsetDateTime timestamp(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class);
	}

	/** An integer column, or null. */
	public static @Nullable Integer intOrNull(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	/** A bigint column, or null. */
	public static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/** A text[] column as a list of enum constants; null reads as empty. */
	public static <E extends Enum<E>> java.util.List<E> enumList(ResultSet rs, String column, Class<E> type)
			throws SQLException {
		java.sql.Array array = rs.getArray(column);
		if (array == null) {
			return java.util.List.of();
		}
		String[] names = (String[]) array.getArray();
		java.util.List<E> values = new java.util.ArrayList<>(names.length);
		for (String name : names) {
			values.add(Enum.valueOf(type, name));
		}
		return values;
	}

	/** A text[] column as a list; null reads as empty. */
	public static java.util.List<String> textList(ResultSet rs, String column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		return (array != null) ? java.util.List.of((String[]) array.getArray()) : java.util.List.of();
	}

	/** A boolean column, or null. */
	public static @Nullable Boolean booleanOrNull(ResultSet rs, String column) throws SQLException {
		boolean value = rs.getBoolean(column);
		return rs.wasNull() ? null : value;
	}

}
