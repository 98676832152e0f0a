package cn.ankang.bangfu.household;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * An assistance measure applied to a household.
 *
 * @param key database key
 * @param householdKey the household's key
 * @param type the kind of assistance
 * @param description what was done
 * @param startedOn when it started
 * @param endedOn when it ended, null while it runs
 * @param result what it achieved (帮扶成效), once recorded
 * @param resultOn when the result was recorded
 * @param personalDataVisible whether the viewer is responsible for the household
 */
public record AssistanceMeasure(long key, long householdKey, Type type, String description, LocalDate startedOn,
		@Nullable LocalDate endedOn, @Nullable String result, @Nullable LocalDate resultOn,
		boolean personalDataVisible) implements PersonalRecord {

	public static final String TYPE = "AssistanceMeasure";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** Health support says who is ill; support of other kinds says nothing of health. */
	@Override
	public boolean healthRelated() {
		return this.type == Type.HEALTH;
	}

	/** Kinds of assistance. */
	public enum Type {

		INDUSTRY, EMPLOYMENT, HEALTH, EDUCATION, SOCIAL_SECURITY, MICROCREDIT, PUBLIC_WELFARE_JOB, HOUSING,
		DRINKING_WATER, OTHER

	}

}
