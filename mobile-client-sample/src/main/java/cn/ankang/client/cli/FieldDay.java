package cn.ankang.client.cli;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import cn.ankang.client.outbox.VisitDraft;

/**
 * Real-looking visits in one village for demonstrations and tests: household visits with
 * notes in Chinese and the checks of the three guarantees, now and then a village meeting
 * or a project inspection, made within a few hundred metres of the village committee,
 * spread over the hours before now.
 */
public final class FieldDay {

	/** China Standard Time, the phones' offset. */
	public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

	private static final double METRES_PER_DEGREE = 111_320;

	private static final List<String> HOUSEHOLD_NOTES = Arrays.asList("入户走访，户主在家，了解家庭收入和务工情况。",
			"核实义务教育保障情况，两个孩子均在镇中心小学就读，享受营养餐补助。", "查看住房安全，房屋无新增裂缝，厨房和厕所改造已完成。", "饮水安全：自来水已入户，水量水质正常，冬季注意管道防冻。",
			"了解医保缴费情况，家庭成员均已参加城乡居民医保。", "宣讲防返贫监测和小额信贷政策，户主有意扩大魔芋种植。", "魔芋长势良好，预计今年收入比去年增加。",
			"茶叶采摘季，家中两人在村里社区工厂务工，收入稳定。", "生猪存栏6头，防疫已完成，饲料价格上涨，收入略有减少。", "家中老人患慢性病，已落实家庭医生签约服务，按时服药。",
			"户主外出务工不稳定，已推荐到县里就业服务站登记。", "雨季前检查房屋周边排水沟，提醒注意地质灾害隐患。");

	private static final List<String> MEETING_NOTES = Arrays.asList("召开村民代表会议，讨论村集体茶叶加工厂收益分配方案。",
			"组织村两委和驻村工作队学习防返贫动态监测工作要求。");

	private static final List<String> INSPECTION_NOTES = Arrays.asList("查看村集体茶叶加工厂建设进度，设备已安装调试。",
			"查看产业路硬化项目，路面已完工，排水沟待完善。");

	private final Random random;

	private final String villageId;

	private final double latitude;

	private final double longitude;

	private final List<String> householdIds;

	/**
	 * A day in a village.
	 * @param random where the variety comes from (a fixed seed repeats the day)
	 * @param villageId the village's global id
	 * @param latitude the village committee's latitude
	 * @param longitude its longitude
	 * @param householdIds the village's monitored households (global ids); none makes
	 * every visit a meeting or an inspection
	 */
	public FieldDay(Random random, String villageId, double latitude, double longitude, List<String> householdIds) {
		this.random = random;
		this.villageId = villageId;
		this.latitude = latitude;
		this.longitude = longitude;
		this.householdIds = new ArrayList<>(householdIds);
	}

	/**
	 * The visits of a day, the last of them just before {@code now}, 20 to 40 minutes
	 * apart.
	 * @param count how many
	 * @param now the end of the day
	 * @return the visits, oldest first
	 */
	public List<VisitDraft> visits(int count, OffsetDateTime now) {
		List<VisitDraft> visits = new ArrayList<>(count);
		OffsetDateTime at = now.withOffsetSameInstant(CHINA).truncatedTo(ChronoUnit.SECONDS).minusMinutes(15);
		for (int i = 0; i < count; i++) {
			visits.add(visit(at));
			at = at.minusMinutes(20 + this.random.nextInt(21)).minusSeconds(this.random.nextInt(60));
		}
		Collections.reverse(visits);
		return visits;
	}

	/**
	 * One visit.
	 * @param occurredAt when it took place
	 * @return the visit
	 */
	public VisitDraft visit(OffsetDateTime occurredAt) {
		OffsetDateTime recordedAt = occurredAt.plusMinutes(2 + this.random.nextInt(9));
		int roll = this.random.nextInt(20);
		VisitDraft visit;
		if (this.householdIds.isEmpty() || roll == 0) {
			visit = new VisitDraft(this.villageId, VisitDraft.Kind.VILLAGE_MEETING, occurredAt, recordedAt)
				.notes(pick(MEETING_NOTES));
		}
		else if (roll == 1) {
			visit = new VisitDraft(this.villageId, VisitDraft.Kind.PROJECT_INSPECTION, occurredAt, recordedAt)
				.notes(pick(INSPECTION_NOTES));
		}
		else {
			VisitDraft.IncomeChange income = VisitDraft.IncomeChange.values()[this.random.nextInt(3)];
			List<String> newRisks = (this.random.nextInt(10) == 0) ? Collections.singletonList("UNSTABLE_EMPLOYMENT")
					: Collections.<String>emptyList();
			visit = new VisitDraft(this.villageId, VisitDraft.Kind.HOUSEHOLD_VISIT, occurredAt, recordedAt)
				.household(this.householdIds.get(this.random.nextInt(this.householdIds.size())))
				.notes(pick(HOUSEHOLD_NOTES))
				.findings(true, this.random.nextInt(15) != 0, this.random.nextInt(12) != 0,
						this.random.nextInt(10) != 0, income, newRisks);
		}
		// within about 600 m of the village committee, as a phone's fused provider says
		double distance = 600 * Math.sqrt(this.random.nextDouble());
		double bearing = 2 * Math.PI * this.random.nextDouble();
		double lat = this.latitude + distance * Math.cos(bearing) / METRES_PER_DEGREE;
		double lon = this.longitude
				+ distance * Math.sin(bearing) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(this.latitude)));
		return visit.location(round(lat), round(lon), (double) (5 + this.random.nextInt(30)),
				VisitDraft.LocationProvider.FUSED, false);
	}

	private String pick(List<String> notes) {
		return notes.get(this.random.nextInt(notes.size()));
	}

	private static double round(double degrees) {
		// six decimals is about 10 cm, what a phone reports
		return Math.round(degrees * 1_000_000) / 1_000_000.0;
	}

}
