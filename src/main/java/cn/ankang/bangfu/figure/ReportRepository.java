package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the annual report's headlines need beyond the figures' rows: the key areas and
 * liaisons in the asker's jurisdiction, and the figures the city's report published. Read
 * where the figures are read.
 */
@Repository
class ReportRepository {

	private final JdbcClient jdbc;

	ReportRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The key areas that hold villages in scope, the city leaders' liaisons in force at
	 * the year's end with their counties, and the year's linkage funds of projects in key
	 * towns or key villages.
	 */
	KeyAreas keyAreas(Scope scope, int year) {
		return this.jdbc.sql("""
				with scoped as (
				  select v.key_designation as village_key, t.id as town_id, t.key_designation as town_key,
				         c.id as county_id, c.key_designation as county_key
				  from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				  where %s)
				select
				  (select count(distinct county_id) from scoped where county_key = 'NATIONAL') as national_counties,
				  (select count(distinct county_id) from scoped where county_key = 'PROVINCIAL') as provincial_counties,
				  (select count(distinct town_id) from scoped where town_key is not null) as key_towns,
				  (select count(*) from scoped where village_key is not null) as key_villages,
				  (select count(*) from leader_liaison l
				   where l.started_on <= :yearEnd and (l.ended_on is null or l.ended_on >= :yearEnd)
				     and l.county_id in (select county_id from scoped)) as liaisons,
				  (select coalesce(sum(f.planned_fen), 0) from fund_allocation f join project p on p.id = f.project_id
				   left join town pt on pt.id = p.town_id left join village pv on pv.id = p.village_id
				   where p.year = :year and f.source = any(string_to_array(:linkage, ','))
				     and (pt.key_designation is not null or pv.key_designation is not null) and %s) as key_fen"""
			.formatted(scope.villagePredicate("v.id"), scope.areaPredicate("p.county_id", "p.town_id", "p.village_id")))
			.params(scope.parameters())
			.param("year", year)
			.param("yearEnd", java.time.LocalDate.of(year, 12, 31))
			.param("linkage", String.join(",", FigureService.LINKAGE))
			.query((rs, n) -> new KeyAreas(rs.getLong("national_counties"), rs.getLong("provincial_counties"),
					rs.getLong("key_towns"), rs.getLong("key_villages"), rs.getLong("liaisons"),
					rs.getBigDecimal("key_fen").movePointLeft(2)))
			.single();
	}

	/**
	 * The one city the scope covers whole, whose published report the figures can be
	 * compared with: an admin's when the database holds one city, a city leader's own;
	 * none for a narrower or mixed scope.
	 */
	Optional<Long> wholeCity(Scope scope) {
		if (scope.all()) {
			return this.jdbc.sql("select min(id) as id from city having count(*) = 1").query(Long.class).optional();
		}
		boolean cityOnly = scope.cityKeys().size() == 1 && scope.countyKeys().isEmpty() && scope.townKeys().isEmpty()
				&& scope.cadreKey() == null && scope.unitKeys().isEmpty();
		return cityOnly ? Optional.of(scope.cityKeys().get(0)) : Optional.empty();
	}

	/** The figures the city's report for the year published, by figure. */
	Map<ReportFigure, Published> published(long city, int year) {
		Map<ReportFigure, Published> published = new EnumMap<>(ReportFigure.class);
		this.jdbc.sql("""
				select figure, value, rounded_to, wording, version, recorded_at from published_figure
				where city_id = :city and year = :year""").param("city", city).param("year", year).query((rs) -> {
			ReportFigure figure = known(rs.getString("figure"));
			if (figure != null) {
				published.put(figure,
						new Published(figure, rs.getBigDecimal("value").stripTrailingZeros(),
								rs.getBigDecimal("rounded_to").stripTrailingZeros(), rs.getString("wording"),
								rs.getInt("version"), rs.getObject("recorded_at", OffsetDateTime.class)));
			}
		});
		return published;
	}

	// a figure code this version no longer knows is kept in the table, not shown
	private static @Nullable ReportFigure known(String code) {
		try {
			return ReportFigure.valueOf(code);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Key areas and liaisons in scope.
	 *
	 * @param nationalKeyCounties national key assistance counties
	 * @param provincialKeyCounties provincial key assistance counties
	 * @param keyTowns key assistance towns
	 * @param keyVillages key assistance villages
	 * @param leaderLiaisons city leaders' liaisons with counties in force at the year's
	 * end
	 * @param keyTownAndVillageLinkageFunds the year's linkage funds, in yuan, of projects
	 * in key towns or key villages
	 */
	record KeyAreas(long nationalKeyCounties, long provincialKeyCounties, long keyTowns, long keyVillages,
			long leaderLiaisons, BigDecimal keyTownAndVillageLinkageFunds) {
	}

	/**
	 * A figure as the report published it.
	 *
	 * @param figure which
	 * @param value in the figure's unit (a share from 0 to 1)
	 * @param roundedTo the step the report rounded to
	 * @param wording the report's words
	 * @param version how many times it was recorded
	 * @param recordedAt when it was last recorded
	 */
	record Published(ReportFigure figure, BigDecimal value, BigDecimal roundedTo, String wording, int version,
			OffsetDateTime recordedAt) {
	}

}
