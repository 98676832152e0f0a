package cn.ankang.bangfu.view;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a leaf's value is in a table's cell: numbers and yes/no as themselves, codes by
 * their Chinese names, times in the service's zone (Beijing), anything else as text; a
 * value of a list as the text it shows among the others.
 */
final class CellFormat {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private final ZoneId zone;

	CellFormat(ZoneId zone) {
		this.zone = zone;
	}

	Object cell(TableShape.Leaf leaf, Object value) {
		ViewColumn column = leaf.column();
		return switch (column.type()) {
			case INTEGER, DECIMAL, RATIO -> (value instanceof Number) ? value : value.toString();
			case BOOLEAN -> (value instanceof Boolean) ? value : value.toString();
			case ENUM ->
				(leaf.enumType() != null) ? EnumLabels.label(leaf.enumType(), value.toString()) : value.toString();
			case DATE_TIME -> beijing(value.toString());
			default -> value.toString();
		};
	}

	String shown(TableShape.Leaf leaf, Object value) {
		if (leaf.enumType() != null) {
			return EnumLabels.label(leaf.enumType(), value.toString());
		}
		if (value instanceof Boolean yes) {
			return yes ? "是" : "否";
		}
		return value.toString();
	}

	private String beijing(String instant) {
		try {
			return OffsetDateTime.parse(instant).atZoneSameInstant(this.zone).format(DATE_TIME);
		}
		catch (DateTimeParseException ex) {
			return instant;
		}
	}

}
