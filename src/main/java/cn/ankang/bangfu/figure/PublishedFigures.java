package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.RoleGrant;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.shared.values.ValueUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the figures a city's annual report published, as printed, so that the report
 * can be checked against the records and against itself. City leaders record their own
 * city's, admins any city's; recording a figure again replaces it.
 */
@Service
class PublishedFigures {

	private static final String WHAT = "Recording a published report's figures";

	// a hundred billion yuan: beyond any city's programme, and within what the column
	// keeps exactly
	private static final BigDecimal LARGEST = new BigDecimal("100000000000");

	private final JdbcClient jdbc;

	private final ClientChanges changes;

	PublishedFigures(JdbcClient jdbc, ClientChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	@Transactional
	Outcome<Recorded> record(RecordInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		List<UserError> invalid = new ArrayList<>();
		BigDecimal value = decimal(input.value(), "value", invalid);
		BigDecimal roundedTo = decimal(input.roundedTo(), "roundedTo", invalid);
		if (roundedTo != null && roundedTo.signum() <= 0) {
			invalid.add(Refusals.invalid("The rounding step must be more than 0.", "取整单位必须大于0。", "roundedTo"));
		}
		if (value != null && (value.compareTo(LARGEST) > 0
				|| input.figure().unit() == ValueUnit.RATIO && value.compareTo(BigDecimal.TEN) > 0)) {
			invalid.add(Refusals
				.invalid("The value is beyond any a report could publish: a share is given from 0 to 1 (72 % is 0.72), "
						+ "money in yuan.", "数值超出合理范围：比例按0到1填写（72%填0.72），金额按元填写。", "value"));
		}
		if (input.year() < 2000 || input.year() > 2100) {
			invalid.add(Refusals.invalid("The year must be between 2000 and 2100.", "年度须在2000至2100之间。", "year"));
		}
		return this.changes.once("recordPublishedFigure", input.changeId(), input, invalid, () -> {
			Optional<Long> city = city(user, input.cityCode());
			if (city.isEmpty()) {
				return Outcome.refused(null,
						(input.cityCode() != null && !exists(input.cityCode()))
								? Refusals.notFound("city", "市", "cityCode")
								: Refusals.outOfJurisdiction("city", "市", "cityCode"));
			}
			long id = this.jdbc.sql("""
					insert into published_figure (city_id, year, figure, value, rounded_to, wording, recorded_by)
					values (:city, :year, :figure, :value, :roundedTo, :wording, :user)
					on conflict (city_id, year, figure) do update
					  set value = excluded.value, rounded_to = excluded.rounded_to, wording = excluded.wording,
					      recorded_by = excluded.recorded_by, recorded_at = now(),
					      version = published_figure.version + 1
					returning id""")
				.param("city", city.get())
				.param("year", input.year())
				.param("figure", input.figure().name())
				.param("value", value)
				.param("roundedTo", roundedTo)
				.param("wording", input.wording().strip())
				.param("user", user.userKey())
				.query(Long.class)
				.single();
			return Outcome.done(load(id));
		}, Recorded::key, this::load);
	}

	// the city named, when the user keeps its report; without a name, the user's one
	// city
	private Optional<Long> city(CurrentUser user, @Nullable String code) {
		List<Long> own = user.grants()
			.stream()
			.filter((grant) -> grant.role() == Role.CITY_LEADER)
			.map(RoleGrant::cityKey)
			.filter(java.util.Objects::nonNull)
			.toList();
		if (code == null) {
			if (user.has(Role.ADMIN)) {
				return this.jdbc.sql("select min(id) from city having count(*) = 1").query(Long.class).optional();
			}
			return (own.size() == 1) ? Optional.of(own.get(0)) : Optional.empty();
		}
		return this.jdbc.sql("select id from city where code = :code")
			.param("code", code)
			.query(Long.class)
			.optional()
			.filter((key) -> user.has(Role.ADMIN) || own.contains(key));
	}

	private boolean exists(String code) {
		return this.jdbc.sql("select count(*) from city where code = :code")
			.param("code", code)
			.query(Long.class)
			.single() > 0;
	}

	private @Nullable Recorded load(long id) {
		return this.jdbc.sql("""
				select f.id, c.code, f.year, f.figure, f.value, f.rounded_to, f.wording, f.version, f.recorded_at
				from published_figure f join city c on c.id = f.city_id where f.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Recorded(rs.getLong("id"), rs.getString("code"), rs.getInt("year"),
					new ReportRepository.Published(ReportFigure.valueOf(rs.getString("figure")),
							rs.getBigDecimal("value").stripTrailingZeros(),
							rs.getBigDecimal("rounded_to").stripTrailingZeros(), rs.getString("wording"),
							rs.getInt("version"), rs.getObject("recorded_at", OffsetDateTime.class))))
			.optional()
			.orElse(null);
	}

	private static @Nullable BigDecimal decimal(String text, String field, List<UserError> invalid) {
		try {
			BigDecimal value = new BigDecimal(text.strip());
			if (value.signum() >= 0 && value.scale() <= 6) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		invalid.add(Refusals.invalid("Give a number of at most six decimal places, not negative, e.g. 1542000000.",
				"请填写不为负、最多六位小数的数字，例如 1542000000。", field));
		return null;
	}

	/**
	 * A figure recorded as published.
	 *
	 * @param key its row
	 * @param cityCode the city whose report published it
	 * @param year the report's year
	 * @param figure the figure as published
	 */
	record Recorded(long key, String cityCode, int year, ReportRepository.Published figure) {
	}

	/**
	 * What a report published for one figure.
	 *
	 * @param changeId the client's id for the change
	 * @param cityCode the city; the user's own when they keep one city's report
	 * @param year the report's year
	 * @param figure which figure
	 * @param value as a decimal in the figure's unit
	 * @param roundedTo the step the report rounded to
	 * @param wording the report's own words for it
	 */
	record RecordInput(@ClientId String changeId, @Nullable String cityCode, int year, ReportFigure figure,
			String value, String roundedTo, @Text(min = 1, max = 200) String wording) {
	}

}
