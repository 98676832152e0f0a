package cn.ankang.bangfu.household;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the households import: what is stored of the file's households (read under
 * the uploader's scope), and the file's changes written in batches. The database writes
 * each change's history by trigger, under the import's id.
 */
@Repository
class HouseholdImportRepository {

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	HouseholdImportRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** The rows of one household in the file, its head's first. */
	record Family(long villageKey, HouseholdImport.MemberRow head, List<HouseholdImport.MemberRow> members) {
	}

	record Stored(long key, String villageCode, String headName, String headIdNumber, @Nullable String headPhone,
			String category, List<String> riskTypes, LocalDate identifiedOn, @Nullable LocalDate eliminatedOn,
			String status, Map<Integer, Long> incomes) {

		@Nullable Long incomeFen(@Nullable Integer year) {
			return (year != null) ? this.incomes.get(year) : null;
		}

	}

	record StoredMember(long key, long householdKey, String name, String relation, String gender, LocalDate birthDate) {
	}

	/**
	 * What a household's rows do: create it (no stored), or change its own fields, add
	 * and correct members.
	 */
	record Change(Family family, @Nullable Stored stored, String status, List<HouseholdImport.MemberRow> added,
			List<HouseholdImport.MemberRow> corrected, boolean householdChanged) {
	}

	/** The households in scope with these heads' ID numbers, by that number. */
	Map<String, Stored> households(List<String> headIdNumbers) {
		Map<String, Stored> households = new HashMap<>();
		for (int from = 0; from < headIdNumbers.size(); from += 10 * BATCH) {
			List<String> part = headIdNumbers.subList(from, Math.min(headIdNumbers.size(), from + 10 * BATCH));
			this.jdbc.sql("""
					select h.id, v.code as village_code, h.head_name, h.head_id_number, h.head_phone, h.category,
					       h.risk_types, h.identified_on, h.risk_eliminated_on, h.status,
					       coalesce((select array_agg(i.year || ':' || i.per_capita_income_fen)
					                 from household_income i where i.household_id = h.id), '{}') as incomes
					from household h join village v on v.id = h.village_id
					where h.head_id_number = any(:ids)""").param("ids", part.toArray(String[]::new)).query((rs, n) -> {
				Map<Integer, Long> incomes = new HashMap<>();
				for (String income : texts(rs.getArray("incomes"))) {
					String[] parts = income.split(":");
					incomes.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
				}
				return new Stored(rs.getLong("id"), rs.getString("village_code"), rs.getString("head_name"),
						rs.getString("head_id_number"), rs.getString("head_phone"), rs.getString("category"),
						texts(rs.getArray("risk_types")), rs.getObject("identified_on", LocalDate.class),
						rs.getObject("risk_eliminated_on", LocalDate.class), rs.getString("status"), incomes);
			}).list().forEach((household) -> households.put(household.headIdNumber(), household));
		}
		return households;
	}

	/** The members present of these households, by ID number. */
	Map<String, StoredMember> members(List<Long> households) {
		Map<String, StoredMember> members = new HashMap<>();
		for (int from = 0; from < households.size(); from += 10 * BATCH) {
			List<Long> part = households.subList(from, Math.min(households.size(), from + 10 * BATCH));
			this.jdbc.sql("""
					select id, household_id, name, relation, gender, birth_date, id_number from household_member
					where household_id = any(:households) and id_number is not null and status = 'PRESENT'""")
				.param("households", part.toArray(Long[]::new))
				.query((rs, n) -> Map.entry(rs.getString("id_number"),
						new StoredMember(rs.getLong("id"), rs.getLong("household_id"), rs.getString("name"),
								rs.getString("relation"), rs.getString("gender"),
								rs.getObject("birth_date", LocalDate.class))))
				.list()
				.forEach((entry) -> members.put(entry.getKey(), entry.getValue()));
		}
		return members;
	}

	/**
	 * Which of the ID numbers a household or member carries anywhere, in scope or not.
	 */
	List<String> idNumbersTaken(List<String> ids) {
		List<String> taken = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += 10 * BATCH) {
			List<String> part = ids.subList(from, Math.min(ids.size(), from + 10 * BATCH));
			taken.addAll(this.jdbc.sql("select bangfu_id_numbers_taken(:ids)")
				.param("ids", part.toArray(String[]::new))
				.query(String.class)
				.list());
		}
		return taken;
	}

	/**
	 * Writes the changes: new households, their members and incomes as set-based inserts
	 * of a thousand rows a statement (the history trigger still writes a row for each).
	 */
	void apply(List<Change> changes, String role) {
		Map<String, Long> created = new HashMap<>();
		List<Change> fresh = changes.stream().filter((change) -> change.stored() == null).toList();
		for (int from = 0; from < fresh.size(); from += BATCH) {
			List<HouseholdImport.MemberRow> heads = fresh.subList(from, Math.min(fresh.size(), from + BATCH))
				.stream()
				.map((change) -> change.family().head())
				.toList();
			List<Long> villages = fresh.subList(from, Math.min(fresh.size(), from + BATCH))
				.stream()
				.map((change) -> change.family().villageKey())
				.toList();
			this.jdbc.sql("""
					insert into household (village_id, head_name, head_id_number, head_phone, category, risk_types,
					                       identified_on, status, risk_eliminated_on)
					select village, name, id_number, phone, category, string_to_array(risks, ','), identified,
					       case when eliminated is null then 'MONITORING' else 'RISK_ELIMINATED' end, eliminated
					from unnest(cast(:villages as bigint[]), cast(:names as text[]), cast(:ids as text[]),
					            cast(:phones as text[]), cast(:categories as text[]), cast(:risks as text[]),
					            cast(:identified as date[]), cast(:eliminated as date[]))
					     as f(village, name, id_number, phone, category, risks, identified, eliminated)
					returning id, head_id_number""")
				.param("villages", villages.toArray(Long[]::new))
				.param("names", heads.stream().map(HouseholdImport.MemberRow::headName).toArray(String[]::new))
				.param("ids", heads.stream().map(HouseholdImport.MemberRow::idNumber).toArray(String[]::new))
				.param("phones", heads.stream().map(HouseholdImport.MemberRow::headPhone).toArray(String[]::new))
				.param("categories", heads.stream().map(HouseholdImport.MemberRow::category).toArray(String[]::new))
				.param("risks", heads.stream().map((head) -> String.join(",", head.riskTypes())).toArray(String[]::new))
				.param("identified",
						heads.stream().map((head) -> Date.valueOf(head.identifiedOn())).toArray(Date[]::new))
				.param("eliminated",
						heads.stream()
							.map((head) -> (head.eliminatedOn() != null) ? Date.valueOf(head.eliminatedOn()) : null)
							.toArray(Date[]::new))
				.query((rs, n) -> Map.entry(rs.getString("head_id_number"), rs.getLong("id")))
				.list()
				.forEach((entry) -> created.put(entry.getKey(), entry.getValue()));
		}
		carryOver(List.copyOf(created.values()), role);
		List<Object[]> members = new ArrayList<>();
		List<Object[]> corrections = new ArrayList<>();
		List<Object[]> incomes = new ArrayList<>();
		for (Change change : changes) {
			HouseholdImport.MemberRow head = change.family().head();
			long household = (change.stored() != null) ? change.stored().key() : created.get(head.idNumber());
			if (change.stored() != null && change.householdChanged()) {
				update(change);
				if (!change.stored().status().equals(change.status())) {
					moveCase(change, role);
				}
			}
			for (HouseholdImport.MemberRow member : change.added()) {
				members.add(new Object[] { household, member.name(), member.relation(), member.gender(),
						Date.valueOf(member.birthDate()), member.idNumber() });
			}
			for (HouseholdImport.MemberRow member : change.corrected()) {
				corrections.add(new Object[] { member.name(), member.relation(), member.gender(),
						Date.valueOf(member.birthDate()), member.idNumber() });
			}
			if (head.perCapitaFen() != null && head.incomeYear() != null && (change.stored() == null
					|| !head.perCapitaFen().equals(change.stored().incomeFen(head.incomeYear())))) {
				incomes.add(new Object[] { household, head.incomeYear(), head.perCapitaFen() });
			}
		}
		batch("""
				update household_member set name = ?, relation = ?, gender = ?, birth_date = ?, version = version + 1
				where id_number = ?""", corrections);
		for (int from = 0; from < members.size(); from += BATCH) {
			List<Object[]> part = members.subList(from, Math.min(members.size(), from + BATCH));
			this.jdbc.sql("""
					insert into household_member (household_id, name, relation, gender, birth_date, id_number)
					select * from unnest(cast(:households as bigint[]), cast(:names as text[]),
					                     cast(:relations as text[]), cast(:genders as text[]), cast(:births as date[]),
					                     cast(:ids as text[]))""")
				.param("households", part.stream().map((row) -> (Long) row[0]).toArray(Long[]::new))
				.param("names", part.stream().map((row) -> (String) row[1]).toArray(String[]::new))
				.param("relations", part.stream().map((row) -> (String) row[2]).toArray(String[]::new))
				.param("genders", part.stream().map((row) -> (String) row[3]).toArray(String[]::new))
				.param("births", part.stream().map((row) -> (Date) row[4]).toArray(Date[]::new))
				.param("ids", part.stream().map((row) -> (String) row[5]).toArray(String[]::new))
				.update();
		}
		// a year's income from the national system is its per-capita figure alone: any
		// sources recorded before go
		batch("""
				insert into household_income (household_id, year, per_capita_income_fen) values (?, ?, ?)
				on conflict (household_id, year) do update
				set per_capita_income_fen = excluded.per_capita_income_fen, wages_fen = null, business_fen = null,
				    transfer_fen = null, property_fen = null, people = null""", incomes);
	}

	/**
	 * A household the national list brings is monitored there already: its case is
	 * carried over as confirmed (included on the day it was identified and included,
	 * eliminated on its day if it was), as migration V12 carried over the households
	 * before the workflow. The monitoring figures count these cases.
	 */
	private void carryOver(List<Long> households, String role) {
		for (int from = 0; from < households.size(); from += BATCH) {
			Long[] part = households.subList(from, Math.min(households.size(), from + BATCH)).toArray(Long[]::new);
			this.jdbc.sql("""
					insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on,
					                             included_on, eliminated_on, category)
					select h.id, h.village_id, h.status, 'CARRIED_OVER', h.risk_types, h.identified_on, h.identified_on,
					       h.risk_eliminated_on, h.category
					from household h where h.id = any(:households)""").param("households", part).update();
			carriedOverSteps(part, role);
		}
	}

	private void carriedOverSteps(Long[] households, String role) {
		this.jdbc
			.sql("""
					insert into case_step (id, case_id, action, to_state, occurred_on, actor_user_id, actor_name, actor_role,
					                       reason)
					select gen_random_uuid(), c.id, 'CARRY_OVER', c.state, coalesce(c.eliminated_on, c.included_on), u.id,
					       coalesce(u.display_name, '-'), :role, 'import ' || current_setting('bangfu.change_id', true)
					from monitoring_case c
					left join app_user u on u.id = nullif(current_setting('bangfu.user', true), '')::bigint
					where c.household_id = any(:households) and c.source = 'CARRIED_OVER'
					  and not exists (select 1 from case_step s where s.case_id = c.id)""")
			.param("households", households)
			.param("role", role)
			.update();
	}

	/**
	 * The national list says the household's risk was eliminated (its case ends), or that
	 * it is monitored again (a new case, which supersedes the earlier ones from its day).
	 */
	private void moveCase(Change change, String role) {
		HouseholdImport.MemberRow head = change.family().head();
		long household = change.stored().key();
		if (change.status().equals("RISK_ELIMINATED")) {
			int ended = this.jdbc.sql("""
					update monitoring_case set state = 'RISK_ELIMINATED', eliminated_on = :eliminated,
					       version = version + 1, state_since = now()
					where household_id = :household and included_on is not null
					  and state not in ('RISK_ELIMINATED', 'DISMISSED') and eliminated_on is null""")
				.param("household", household)
				.param("eliminated", head.eliminatedOn())
				.update();
			if (ended > 0) {
				return;
			}
		}
		this.jdbc.sql("""
				update monitoring_case set superseded_on = :included
				where household_id = :household and included_on <= :included and superseded_on is null""")
			.param("household", household)
			.param("included", head.identifiedOn())
			.update();
		this.jdbc.sql("""
				insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on,
				                             included_on, eliminated_on, category)
				select h.id, h.village_id, h.status, 'CARRIED_OVER', h.risk_types, h.identified_on, h.identified_on,
				       h.risk_eliminated_on, h.category
				from household h where h.id = :household""").param("household", household).update();
		carriedOverSteps(new Long[] { household }, role);
	}

	private void update(Change change) {
		HouseholdImport.MemberRow head = change.family().head();
		this.jdbc
			.sql("""
					update household set village_id = :village, head_name = :name, head_phone = coalesce(:phone, head_phone),
					       category = :category, risk_types = cast(:risks as text[]), identified_on = :identified,
					       status = :status, risk_eliminated_on = :eliminated, version = version + 1
					where id = :id""")
			.param("id", change.stored().key())
			.param("village", change.family().villageKey())
			.param("name", head.headName())
			.param("phone", head.headPhone())
			.param("category", head.category())
			.param("risks", head.riskTypes().toArray(String[]::new))
			.param("identified", head.identifiedOn())
			.param("status", change.status())
			.param("eliminated", head.eliminatedOn())
			.update();
	}

	private void batch(String sql, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + BATCH));
			this.template.batchUpdate(sql, part, part.size(), (PreparedStatement statement, Object[] row) -> {
				for (int i = 0; i < row.length; i++) {
					if (row[i] == null) {
						statement.setNull(i + 1, Types.VARCHAR);
					}
					else {
						statement.setObject(i + 1, row[i]);
					}
				}
			});
		}
	}

	private static List<String> texts(@Nullable Array array) throws SQLException {
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
