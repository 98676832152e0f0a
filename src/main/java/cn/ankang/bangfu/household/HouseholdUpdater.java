package cn.ankang.bangfu.household;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.Amount;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.values.Inputs;
import cn.ankang.bangfu.shared.values.Resends;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Updates households from the field with optimistic concurrency: an update names the
 * version it was based on, raises it, and is refused as stale when someone else raised it
 * first. Nothing is overwritten unseen.
 */
@Service
class HouseholdUpdater {

	private final JdbcClient jdbc;

	private final HouseholdService households;

	private final Resends resends;

	private final Inputs inputs;

	HouseholdUpdater(JdbcClient jdbc, HouseholdService households, Resends resends, Inputs inputs) {
		this.jdbc = jdbc;
		this.households = households;
		this.resends = resends;
		this.inputs = inputs;
	}

	/**
	 * Applies the update, or finds it applied.
	 * @throws ApiException {@code FORBIDDEN} when the user sees the household but is not
	 * responsible for it
	 */
	@Transactional
	Payload update(Input input) {
		CurrentUser user = Auth.require();
		List<UserError> errors = validate(input);
		if (!errors.isEmpty()) {
			return new Payload(null, errors);
		}
		UUID changeId = UUID.fromString(input.changeId());
		// before the household is read: a resend that waited answers with it as the first
		// sending left it
		this.resends.waitForOthers(changeId);
		Optional<Long> key = key(input.householdId());
		Household household = key.map((k) -> this.households.householdsByKeys(List.of(k)).get(k)).orElse(null);
		if (household == null) {
			return new Payload(null,
					List.of(UserError.of("NOT_FOUND", "There is no such household.", "input", "householdId")));
		}
		if (!household.personalDataVisible()) {
			throw ApiException.forbidden("Only those responsible for a household update it.");
		}
		byte[] hash = hash(input);
		Optional<byte[]> earlier = this.jdbc.sql("select content_hash from household_change where id = :id")
			.param("id", changeId)
			.query(byte[].class)
			.optional();
		if (earlier.isPresent()) {
			return (Resends.judge(true, earlier.get(), hash) == Resends.Sending.RESEND)
					? new Payload(household, List.of())
					: new Payload(household, List.of(Resends.conflict("change id", "input", "changeId")));
		}
		int raised = this.jdbc.sql("""
				update household
				set version = version + 1,
				    risk_types = array(select distinct r from unnest(risk_types || cast(:add as text[])) r order by r)
				where id = :id and version = :base""")
			.param("add", names(input.addRiskTypes()))
			.param("id", household.key())
			.param("base", input.baseVersion())
			.update();
		if (raised == 0) {
			return new Payload(household,
					List.of(UserError.of("STALE_VERSION",
							"The household changed since version %d: here it is as it stands now (version %d)."
								.formatted(input.baseVersion(), household.version()),
							"input", "baseVersion")));
		}
		if (input.addMeasure() != null) {
			this.jdbc.sql("""
					insert into assistance_measure (household_id, type, description, started_on)
					values (:household, :type, :description, :started)""")
				.param("household", household.key())
				.param("type", input.addMeasure().type().name())
				.param("description", input.addMeasure().description().strip())
				.param("started", input.addMeasure().startedOn())
				.update();
		}
		if (input.recordIncome() != null) {
			this.jdbc
				.sql("""
						insert into household_income (household_id, year, per_capita_income_fen) values (:household, :year, :fen)
						on conflict (household_id, year) do update set per_capita_income_fen = excluded.per_capita_income_fen""")
				.param("household", household.key())
				.param("year", input.recordIncome().year())
				.param("fen", input.recordIncome().perCapitaIncome().movePointRight(2).longValueExact())
				.update();
		}
		this.jdbc.sql("""
				insert into household_change (id, household_id, user_id, base_version, version_after, content_hash)
				values (:id, :household, :user, :base, :base + 1, :hash)""")
			.param("id", changeId)
			.param("household", household.key())
			.param("user", user.userKey())
			.param("base", input.baseVersion())
			.param("hash", hash)
			.update();
		return new Payload(this.households.householdsByKeys(List.of(household.key())).get(household.key()), List.of());
	}

	/** The input's constraints, and the rules that span its fields or depend on today. */
	private List<UserError> validate(Input input) {
		List<UserError> errors = new ArrayList<>(this.inputs.check(input));
		if ((input.addRiskTypes() == null || input.addRiskTypes().isEmpty()) && input.addMeasure() == null
				&& input.recordIncome() == null) {
			errors.add(UserError.of("INVALID_INPUT", "An update adds a risk, a measure or an income.", "input"));
		}
		if (input.recordIncome() != null && input.recordIncome().year() > LocalDate.now().getYear() + 1) {
			errors.add(UserError.of("INVALID_INPUT", "Not a year incomes are recorded for.", "input", "recordIncome",
					"year"));
		}
		return errors;
	}

	private static String[] names(@Nullable List<RiskType> risks) {
		return (risks != null) ? risks.stream().map(Enum::name).distinct().toArray(String[]::new) : new String[0];
	}

	private static Optional<Long> key(String id) {
		try {
			return Optional.of(GlobalId.decodeNumeric(id, Household.TYPE));
		}
		catch (ApiException ex) {
			return Optional.empty();
		}
	}

	private static byte[] hash(Input input) {
		String text = input.householdId()
				+ "|" + input.baseVersion() + "|" + ((input.addRiskTypes() != null)
						? input.addRiskTypes().stream().map(Enum::name).sorted().toList() : "[]")
				+ "|" + input.addMeasure() + "|" + input.recordIncome();
		return Digests.sha256(text);
	}

	record Input(@ClientId String changeId, String householdId, int baseVersion,
			@Nullable List<@RecordableRisk RiskType> addRiskTypes, @Valid @Nullable NewMeasureInput addMeasure,
			@Valid @Nullable IncomeInput recordIncome) {
	}

	record NewMeasureInput(AssistanceMeasure.Type type, @Text(max = 500, lines = true) String description,
			LocalDate startedOn) {
	}

	record IncomeInput(@Min(2000) int year, @Amount(max = 10_000_000, zero = true) BigDecimal perCapitaIncome) {
	}

	record Payload(@Nullable Household household, List<UserError> userErrors) {
	}

}
