package cn.ankang.bangfu.mobile;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.client.cli.FieldDay;
import cn.ankang.client.outbox.VisitDraft;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a first secretary's day works on besides visits, made in the database as the
 * workflow would have left it, in the demo first secretary's village and on households of
 * the test's own, so that each test's records are its own: a household with a case
 * waiting for the verification at home, a household with a department's warning to
 * verify.
 */
final class FieldRecords {

	private final JdbcClient jdbc;

	final long village;

	final double latitude;

	final double longitude;

	FieldRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
		Map<String, Object> row = jdbc.sql("""
				select v.id, v.latitude, v.longitude from app_user u
				join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id where u.username = :user order by v.id limit 1""")
			.param("user", Phone.USER)
			.query()
			.singleRow();
		this.village = ((Number) row.get("id")).longValue();
		this.latitude = ((Number) row.get("latitude")).doubleValue();
		this.longitude = ((Number) row.get("longitude")).doubleValue();
	}

	/** A new monitored household of the village, with a head; its key. */
	long household() {
		long key = this.jdbc
			.sql("""
					insert into household (village_id, head_name, head_id_number, category, risk_types, identified_on, status)
					values (:village, '测试某户主', :id, 'MARGINAL_AT_RISK', '{ILLNESS}', date '2024-03-01', 'MONITORING')
					returning id""")
			.param("village", this.village)
			.param("id", idNumber())
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into household_member (household_id, name, relation, gender, birth_date, id_number)
				values (:h, '测试某户主', 'HEAD', 'MALE', date '1970-01-01',
				        (select head_id_number from household where id = :h))""").param("h", key).update();
		return key;
	}

	/** A case of the household waiting for the verification at home; its key. */
	long identifiedCase(long household) {
		long key = this.jdbc.sql("""
				insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on)
				values (:h, :v, 'IDENTIFIED', 'VISIT', '{ILLNESS}', current_date - 3) returning id""")
			.param("h", household)
			.param("v", this.village)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into case_step (id, case_id, action, to_state, occurred_on, actor_name, actor_role)
				values (gen_random_uuid(), :c, 'OPEN', 'IDENTIFIED', current_date - 3, 'test', 'SYSTEM')""")
			.param("c", key)
			.update();
		return key;
	}

	/**
	 * A department's warning on the household, for the village's cadres to verify; the
	 * task's key.
	 */
	long verification(long household) {
		long warning = this.jdbc.sql("""
				insert into risk_warning (source, id_number, person_name, kind, occurred_on, status, household_id,
				                          village_id)
				select '县医保局', h.head_id_number, h.head_name, 'MEDICAL_EXPENSE', current_date - 2, 'MATCHED', h.id,
				       h.village_id
				from household h where h.id = :h returning id""").param("h", household).query(Long.class).single();
		return this.jdbc.sql("""
				insert into task (kind, assignee_role, household_id, village_id, warning_id, due_on)
				values ('VERIFY_WARNING', 'CADRE', :h, :v, :w, current_date + 7) returning id""")
			.param("h", household)
			.param("v", this.village)
			.param("w", warning)
			.query(Long.class)
			.single();
	}

	int version(long household) {
		return this.jdbc.sql("select version from household where id = :h")
			.param("h", household)
			.query(Integer.class)
			.single();
	}

	/** A household visit, made near the village committee. */
	VisitDraft visitTo(long household, OffsetDateTime at) {
		return new VisitDraft(GlobalId.of("Village", this.village), VisitDraft.Kind.HOUSEHOLD_VISIT,
				at.withOffsetSameInstant(FieldDay.CHINA), at.withOffsetSameInstant(FieldDay.CHINA).plusMinutes(5))
			.household(GlobalId.of("Household", household))
			.location(this.latitude + 0.001, this.longitude, 12.0, VisitDraft.LocationProvider.FUSED, false)
			.notes("入户核实，家中老人住院，医疗费用负担重。");
	}

	static LocalDate today() {
		return LocalDate.now(FieldDay.CHINA);
	}

	/**
	 * A synthetic ID number no demo person has (starting 99, as no real division code
	 * does).
	 */
	private static String idNumber() {
		StringBuilder text = new StringBuilder("999999");
		for (int i = 0; i < 11; i++) {
			text.append(ThreadLocalRandom.current().nextInt(10));
		}
		return text.append('X').toString();
	}

}
