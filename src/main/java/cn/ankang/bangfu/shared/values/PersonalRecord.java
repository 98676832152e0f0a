package cn.ankang.bangfu.shared.values;

/**
 * A record about people whose personal data some viewers may see in full and others not:
 * the rule of {@code @personal} fields ({@code security.audit.PersonalData}) asks it
 * whether the signed-in user is responsible for it, and on whose record an unmasked read
 * is audited.
 */
public interface PersonalRecord {

	/** The record's global id. */
	String id();

	/**
	 * The id the audit trail names a read of it by: its own, unless it is part of
	 * another.
	 */
	default String auditId() {
		return id();
	}

	/**
	 * Whether the signed-in user is responsible for the record (its village's cadres, its
	 * town's and county's officers), and so sees its ID numbers, phones and health data.
	 */
	boolean personalDataVisible();

	/**
	 * Whether this record's {@code HEALTH} fields hold health data: a warning of school
	 * fees or a measure of housing says nothing about anyone's health.
	 */
	default boolean healthRelated() {
		return true;
	}

}
