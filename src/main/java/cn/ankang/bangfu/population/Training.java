package cn.ankang.bangfu.population;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Money;

/**
 * People of a registered household trained in a programme in a year (培训), counted, not
 * named.
 *
 * @param householdKey the household
 * @param year the year
 * @param programme the programme
 * @param people how many of its people
 * @param subsidyFen the subsidy paid to them (雨露计划 pays its students one), in fen
 * @param completedOn the day the course was completed, if recorded
 */
record Training(long householdKey, int year, Programme programme, int people, long subsidyFen,
		@Nullable LocalDate completedOn) {

	/** The most subsidy a person trained is paid in a year: 10,000 yuan. */
	static final long MAX_SUBSIDY_PER_PERSON_FEN = 1_000_000;

	public BigDecimal subsidy() {
		return Money.yuan(this.subsidyFen);
	}

	/** The training programmes. */
	enum Programme {

		/** 雨露计划: vocational schooling of young people of poor households, subsidised. */
		YULU_PLAN,

		/** 职业技能培训. */
		VOCATIONAL,

		/** 实用技术培训: farming and other practical skills. */
		PRACTICAL_SKILLS,

		OTHER

	}

}
