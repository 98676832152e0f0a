package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of households' members ({@code household_member}): read for their households,
 * added, corrected, leaving; and whether an ID number is a person's of the records
 * already, as a member or a head.
 */
@Repository
class MemberRepository {

	private static final RowMapper<HouseholdMember> MEMBER = (rs, n) -> new HouseholdMember(rs.getLong("id"),
			rs.getLong("household_id"), rs.getString("name"),
			Rows.enumOf(rs, "relation", HouseholdMember.Relation.class), Rows.enumOf(rs, "gender", Gender.class),
			Rows.date(rs, "birth_date"), rs.getString("id_number"),
			Rows.enumOf(rs, "status", HouseholdMember.Status.class), Rows.dateOrNull(rs, "left_on"), false);

	private final JdbcClient jdbc;

	MemberRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The households' members present, or those who left, head first. */
	List<HouseholdMember> membersOf(Collection<Long> householdKeys, boolean present) {
		return this.jdbc.sql("""
				select * from household_member
				where household_id in (:keys) and (status = 'PRESENT') = :present
				order by household_id, relation <> 'HEAD', birth_date, id
				""").param("keys", householdKeys).param("present", present).query(MEMBER).list();
	}

	/**
	 * Whether a person other than the member holds the ID number, as a member or a head.
	 */
	boolean idNumberTaken(String idNumber, long exceptMember) {
		return this.jdbc.sql("""
				select exists (select 1 from household_member where id_number = :id and id <> :except)
				    or exists (select 1 from household where head_id_number = :id
				               and not exists (select 1 from household_member m
				                               where m.id = :except and m.household_id = household.id))""")
			.param("id", idNumber)
			.param("except", exceptMember)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Of these ID numbers, those a person of the records holds, as a member or a head.
	 */
	List<String> idNumbersTaken(Collection<String> idNumbers) {
		return this.jdbc.sql("""
				select id_number from household_member where id_number = any(:ids)
				union
				select head_id_number from household where head_id_number = any(:ids)""")
			.param("ids", idNumbers.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	long insertMember(long household, String name, HouseholdMember.Relation relation, Gender gender,
			java.time.LocalDate birthDate, @Nullable String idNumber) {
		return this.jdbc.sql("""
				insert into household_member (household_id, name, relation, gender, birth_date, id_number)
				values (:household, :name, :relation, :gender, :birth, :idNumber) returning id""")
			.param("household", household)
			.param("name", name)
			.param("relation", relation.name())
			.param("gender", gender.name())
			.param("birth", birthDate)
			.param("idNumber", idNumber)
			.query(Long.class)
			.single();
	}

	java.util.Optional<HouseholdMember> memberByKey(long key) {
		return this.jdbc.sql("select * from household_member where id = :key")
			.param("key", key)
			.query(MEMBER)
			.optional();
	}

	/** Whether the household has a head present other than the member. */
	boolean hasHeadBesides(long household, long member) {
		return this.jdbc.sql("""
				select exists (select 1 from household_member
				               where household_id = :h and relation = 'HEAD' and status = 'PRESENT' and id <> :m)""")
			.param("h", household)
			.param("m", member)
			.query(Boolean.class)
			.single();
	}

	void updateMember(long key, String name, HouseholdMember.Relation relation, Gender gender,
			java.time.LocalDate birthDate, @Nullable String idNumber) {
		this.jdbc.sql("""
				update household_member
				set name = :name, relation = :relation, gender = :gender, birth_date = :birth, id_number = :idNumber,
				    version = version + 1
				where id = :key""")
			.param("key", key)
			.param("name", name)
			.param("relation", relation.name())
			.param("gender", gender.name())
			.param("birth", birthDate)
			.param("idNumber", idNumber)
			.update();
	}

	void memberLeaves(long key, HouseholdMember.Status status, java.time.LocalDate on) {
		this.jdbc.sql("""
				update household_member set status = :status, left_on = :on, version = version + 1
				where id = :key and status = 'PRESENT'""")
			.param("key", key)
			.param("status", status.name())
			.param("on", on)
			.update();
	}

	int presentMembers(long household) {
		return this.jdbc.sql("select count(*) from household_member where household_id = :h and status = 'PRESENT'")
			.param("h", household)
			.query(Integer.class)
			.single();
	}

}
