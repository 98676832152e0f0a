package cn.ankang.bangfu.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.demo.MonitoringSteps.Step;

/**
 * The steps that brought each monitoring case where it stands: a household's own case
 * (inclusion, then elimination or not) and the second cases found in the weeks before
 * today, each plan drawn from the household's own streams.
 */
final class MonitoringSteps {

	// what each household's cases are: its own (inclusion, then elimination or not) and,
	// for some whose risk was eliminated, a second case found since
	static final int MONITORING = 0;

	static final int ELIMINATED = 1;

	static final int PROPOSED = 2;

	static final int ELIMINATION_VERIFIED = 3;

	static final int ELIMINATION_REVIEWED = 4;

	static final int WARNING_TO_VERIFY = 5;

	static final int RELAPSE_IDENTIFIED = 1;

	static final int RELAPSE_VERIFIED = 2;

	static final int RELAPSE_REVIEWED = 3;

	static final int RELAPSE_DISMISSED = 4;

	static final int RELAPSE_REJECTED = 5;

	static final String[] SOURCES = { "SELF_REPORT", "VISIT", "DEPARTMENT_WARNING" };

	static final String[] WARNING_KINDS = { "MEDICAL_EXPENSE", "DISABILITY", "EDUCATION", "DISASTER", "EMPLOYMENT",
			"OTHER" };

	static final String[] DEPARTMENTS = { "安康市医疗保障局", "安康市残疾人联合会", "安康市教育局", "安康市应急管理局", "安康市人力资源和社会保障局", "安康市民政局" };

	private final DemoWorld world;

	MonitoringSteps(DemoWorld world) {
		this.world = world;
	}

	/** The steps of a household's own case: its inclusion, and its elimination so far. */
	List<Step> ownSteps(Households h, int i, int plan) {
		List<Step> steps = new ArrayList<>();
		LocalDate included = h.identifiedOn[i];
		inclusion(steps, included.minusDays(14), included);
		if (plan == ELIMINATED) {
			elimination(steps, h.eliminatedOn[i], "RISK_ELIMINATED");
		}
		else if (plan == PROPOSED || plan == ELIMINATION_VERIFIED || plan == ELIMINATION_REVIEWED) {
			int ago = this.world.random("monitoring-days", h.id[i]).nextInt(20);
			String until = (plan == PROPOSED) ? "ELIMINATION_PROPOSED"
					: (plan == ELIMINATION_VERIFIED) ? "ELIMINATION_VERIFIED" : "ELIMINATION_REVIEWED";
			// the step that brought the case where it stands was taken `ago` days ago
			LocalDate end = this.world.today.minusDays(ago)
				.plusDays((plan == PROPOSED) ? 20 : (plan == ELIMINATION_VERIFIED) ? 16 : 6);
			elimination(steps, end, until);
		}
		return steps;
	}

	/**
	 * The elimination steps of a case confirmed on {@code confirmed}, up to the state
	 * {@code until}.
	 */
	private static void elimination(List<Step> steps, LocalDate confirmed, String until) {
		steps.add(new Step("PROPOSE_ELIMINATION", "MONITORING", "ELIMINATION_PROPOSED", confirmed.minusDays(20),
				"驻村工作队", "FIRST_SECRETARY", "收入连续稳定超过六个月，高于监测标准", null, null));
		if (until.equals("ELIMINATION_PROPOSED")) {
			return;
		}
		steps.add(new Step("VERIFY", "ELIMINATION_PROPOSED", "ELIMINATION_VERIFIED", confirmed.minusDays(16), "驻村工作队",
				"FIRST_SECRETARY", null, null, null));
		if (until.equals("ELIMINATION_VERIFIED")) {
			return;
		}
		steps.add(new Step("REVIEW", "ELIMINATION_VERIFIED", "ELIMINATION_REVIEWED", confirmed.minusDays(6), "镇人民政府",
				"TOWN_OFFICER", null, confirmed.minusDays(15), confirmed.minusDays(9)));
		if (until.equals("ELIMINATION_REVIEWED")) {
			return;
		}
		steps.add(new Step("CONFIRM", "ELIMINATION_REVIEWED", "RISK_ELIMINATED", confirmed, "县乡村振兴局", "COUNTY_OFFICER",
				null, null, null));
	}

	/** The steps that bring a case found on {@code identified} into monitoring. */
	private static void inclusion(List<Step> steps, LocalDate identified, LocalDate confirmed) {
		steps.add(new Step("OPEN", null, "IDENTIFIED", identified, "驻村工作队", "FIRST_SECRETARY", null, null, null));
		steps.add(new Step("VERIFY", "IDENTIFIED", "VERIFIED_AT_HOME", identified.plusDays(3), "驻村工作队",
				"FIRST_SECRETARY", null, null, null));
		steps.add(new Step("REVIEW", "VERIFIED_AT_HOME", "PUBLICLY_REVIEWED", confirmed.minusDays(3), "镇人民政府",
				"TOWN_OFFICER", null, identified.plusDays(4), confirmed.minusDays(4)));
		steps.add(new Step("CONFIRM", "PUBLICLY_REVIEWED", "MONITORING", confirmed, "县乡村振兴局", "COUNTY_OFFICER", null,
				null, null));
	}

	/** The steps of a second case, found in the weeks before today. */
	List<Step> relapseSteps(Households h, int i, int plan) {
		int ago = this.world.random("relapse-days", h.id[i]).nextInt(20);
		LocalDate last = this.world.today.minusDays(ago);
		List<Step> steps = new ArrayList<>();
		LocalDate opened = switch (plan) {
			case RELAPSE_IDENTIFIED -> last;
			case RELAPSE_VERIFIED, RELAPSE_DISMISSED -> last.minusDays(5);
			case RELAPSE_REVIEWED -> last.minusDays(16);
			default -> last.minusDays(12);
		};
		String source = relapseSource(h, i, plan);
		steps.add(new Step("OPEN", null, "IDENTIFIED", opened,
				source.equals("DEPARTMENT_WARNING") ? "安康市乡村振兴局" : "驻村工作队",
				source.equals("DEPARTMENT_WARNING") ? "COUNTY_OFFICER" : "FIRST_SECRETARY",
				source.equals("DEPARTMENT_WARNING") ? "部门预警：" + DEPARTMENTS[relapseKind(h, i)] : null, null, null));
		if (plan == RELAPSE_IDENTIFIED) {
			return steps;
		}
		if (plan == RELAPSE_DISMISSED) {
			steps.add(new Step("DISMISS", "IDENTIFIED", "DISMISSED", last, "驻村工作队", "FIRST_SECRETARY",
					"入户核实：相关支出已由医保和救助报销，家庭收入稳定，不纳入监测", null, null));
			return steps;
		}
		steps.add(new Step("VERIFY", "IDENTIFIED", "VERIFIED_AT_HOME",
				(plan == RELAPSE_VERIFIED) ? last : opened.plusDays(4), "驻村工作队", "FIRST_SECRETARY", null, null, null));
		if (plan == RELAPSE_REJECTED) {
			steps.add(new Step("REJECT", "VERIFIED_AT_HOME", "IDENTIFIED", last, "镇人民政府", "TOWN_OFFICER",
					"核实材料缺少医疗费用票据和收入测算，请补充后重新入户核实", null, null));
		}
		else if (plan == RELAPSE_REVIEWED) {
			steps.add(new Step("REVIEW", "VERIFIED_AT_HOME", "PUBLICLY_REVIEWED", last, "镇人民政府", "TOWN_OFFICER", null,
					opened.plusDays(5), last.minusDays(1)));
		}
		return steps;
	}

	String relapseSource(Households h, int i, int plan) {
		return (plan == RELAPSE_REJECTED) ? "DEPARTMENT_WARNING"
				: SOURCES[this.world.random("relapse-source", h.id[i]).nextInt(SOURCES.length)];
	}

	int relapseKind(Households h, int i) {
		return this.world.random("relapse-kind", h.id[i]).nextInt(WARNING_KINDS.length);
	}

	record Step(String action, @Nullable String from, String to, LocalDate on, String actor, String role,
			@Nullable String reason, @Nullable LocalDate noticeFrom, @Nullable LocalDate noticeTo) {
	}

}
