package cn.ankang.bangfu.geo;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the areas import: the areas of a file's codes at every level, and the file's
 * changes, parents first, each attached to the area its code's prefix names.
 */
@Repository
class AreaImportRepository {

	private final JdbcClient jdbc;

	AreaImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Stored(String code, String name, @Nullable String kind, @Nullable String keyDesignation,
			@Nullable BigDecimal latitude, @Nullable BigDecimal longitude) {
	}

	/** A row of the file to write: a new area, or one on record to change. */
	record Change(AreaImport.AreaRow row, boolean stored) {
	}

	Map<String, Stored> areas(Collection<String> codes) {
		Map<String, Stored> areas = new HashMap<>();
		this.jdbc.sql("""
				select code, name, null as kind, null as key_designation, null::numeric as latitude,
				       null::numeric as longitude from city where code = any(:codes)
				union all
				select code, name, kind, key_designation, null, null from county where code = any(:codes)
				union all
				select code, name, kind, key_designation, null, null from town where code = any(:codes)
				union all
				select code, name, kind, key_designation, latitude, longitude from village where code = any(:codes)""")
			.param("codes", codes.toArray(String[]::new))
			.query((rs, n) -> new Stored(rs.getString("code"), rs.getString("name"), rs.getString("kind"),
					rs.getString("key_designation"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude")))
			.list()
			.forEach((area) -> areas.put(area.code(), area));
		return areas;
	}

	/** Which of these codes are areas on record. */
	Set<String> existing(Collection<String> codes) {
		return new HashSet<>(areas(codes).keySet());
	}

	void apply(List<Change> changes) {
		for (Change change : changes) {
			AreaImport.AreaRow row = change.row();
			String table = switch (row.code().length()) {
				case 4 -> "city";
				case 6 -> "county";
				case 9 -> "town";
				default -> "village";
			};
			if (change.stored()) {
				this.jdbc.sql(switch (table) {
					case "city" -> "update city set name = :name where code = :code";
					case "village" -> """
							update village set name = :name, kind = :kind, key_designation = :designation,
							       latitude = :latitude, longitude = :longitude
							where code = :code""";
					default -> "update " + table
							+ " set name = :name, kind = :kind, key_designation = :designation where code = :code";
				}).params(params(row)).update();
				continue;
			}
			this.jdbc.sql(switch (table) {
				case "city" -> "insert into city (code, name) values (:code, :name)";
				case "county" -> """
						insert into county (city_id, code, name, kind, key_designation)
						select id, :code, :name, :kind, :designation from city where code = :parent""";
				case "town" -> """
						insert into town (county_id, code, name, kind, key_designation)
						select id, :code, :name, :kind, :designation from county where code = :parent""";
				default ->
					"""
							insert into village (town_id, code, name, kind, key_designation, latitude, longitude)
							select id, :code, :name, :kind, :designation, :latitude, :longitude from town where code = :parent""";
			}).params(params(row)).update();
		}
	}

	private static Map<String, @Nullable Object> params(AreaImport.AreaRow row) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("code", row.code());
		params.put("name", row.name());
		params.put("kind", row.kind());
		params.put("designation", row.keyDesignation());
		params.put("latitude", row.latitude());
		params.put("longitude", row.longitude());
		params.put("parent", row.parentCode());
		return params;
	}

}
