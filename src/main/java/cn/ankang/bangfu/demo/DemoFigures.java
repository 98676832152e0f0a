package cn.ankang.bangfu.demo;

/**
 * The figures of Ankang's 2023 annual report (see {@code docs/domain.md}) that the demo
 * data set reproduces, per copy of the city. Money is in fen.
 */
public final class DemoFigures {

	/** Monitored households, cumulative. */
	public static final int HOUSEHOLDS = 24_456;

	/** People in monitored households, cumulative. */
	public static final int PEOPLE = 78_596;

	/** Households whose risk was eliminated. */
	public static final int ELIMINATED_HOUSEHOLDS = 16_069;

	/** People in households whose risk was eliminated. */
	public static final int ELIMINATED_PEOPLE = 53_189;

	/** Households newly identified in 2023. */
	public static final int NEW_HOUSEHOLDS_2023 = 2_676;

	/** People in households newly identified in 2023. */
	public static final int NEW_PEOPLE_2023 = 9_135;

	/** Assistance measures applied. */
	public static final int MEASURES = 81_824;

	/** Assistance units in designated assistance. */
	public static final int ASSISTANCE_UNITS = 1_279;

	/** First secretaries in post. */
	public static final int FIRST_SECRETARIES = 1_297;

	/** Work-team members in post. */
	public static final int TEAM_MEMBERS = 2_287;

	/** City leaders' liaisons with counties and key villages. */
	public static final int LEADER_LIAISONS = 34;

	/** Key villages. */
	public static final int KEY_VILLAGES = 252;

	/** Provincial key towns. */
	public static final int KEY_TOWNS = 10;

	/** Linkage-fund projects in 2023. */
	public static final int LINKAGE_PROJECTS_2023 = 2_097;

	/** Linkage funds in 2023: 2,478 million yuan. */
	public static final long LINKAGE_FEN_2023 = 2_478_000_000L * 100;

	/** Linkage-fund projects in the five key counties in 2023. */
	public static final int LINKAGE_PROJECTS_KEY_COUNTIES_2023 = 1_432;

	/** Linkage funds into the five key counties in 2023: 1,542 million yuan. */
	public static final long LINKAGE_FEN_KEY_COUNTIES_2023 = 1_542_000_000L * 100;

	/**
	 * Linkage funds of 2023's projects in key towns or key villages: 362 million yuan.
	 */
	public static final long LINKAGE_FEN_KEY_AREAS_2023 = 362_000_000L * 100;

	/** Industry projects among 2023's linkage-fund projects. */
	public static final int INDUSTRY_PROJECTS_2023 = 865;

	/** Designated-assistance projects in 2023. */
	public static final int DESIGNATED_PROJECTS_2023 = 1_144;

	/** Designated-assistance funds in 2023: 290 million yuan. */
	public static final long DESIGNATED_FEN_2023 = 290_000_000L * 100;

	/**
	 * Jiangsu–Shaanxi collaboration projects in 2023 (the report gives no count; ours is
	 * illustrative).
	 */
	public static final int EAST_WEST_PROJECTS_2023 = 330;

	/** Jiangsu–Shaanxi collaboration funds in 2023: 787 million yuan. */
	public static final long EAST_WEST_FEN_2023 = 787_000_000L * 100;

	/** Projects in the 2024 pipeline. */
	public static final int PIPELINE_PROJECTS_2024 = 3_473;

	/** Money planned for the 2024 pipeline: 5,373 million yuan. */
	public static final long PIPELINE_FEN_2024 = 5_373_000_000L * 100;

	/**
	 * Administrative villages and communities before the relocation communities (the
	 * number is illustrative: about as many as the city has).
	 */
	public static final int VILLAGES_BEFORE_RELOCATION = 1_900;

	/**
	 * Relocation communities (易地搬迁安置社区), appended after the villages (the report gives no
	 * count; ours is illustrative).
	 */
	public static final int RELOCATION_COMMUNITIES = 60;

	/** Villages and communities in all. */
	public static final int VILLAGES = VILLAGES_BEFORE_RELOCATION + RELOCATION_COMMUNITIES;

	/** Villages with a collective income of 100,000 yuan or more in 2023. */
	public static final int VILLAGES_OVER_100K_2023 = 1_548;

	/** Villages and communities with a legal adviser in post at the end of 2023. */
	public static final int VILLAGES_WITH_LEGAL_ADVISER = 1_925;

	/** Village plans compiled in 2023. */
	public static final int PLANS_COMPILED_2023 = 117;

	/** Village construction projects carried out in 2023 (实施乡村建设项目). */
	public static final int VILLAGE_CONSTRUCTION_PROJECTS_2023 = 2_596;

	/**
	 * Agricultural enterprises, cooperatives and other bodies (community factories not
	 * counted) that linked people out of poverty in 2023.
	 */
	public static final int DRIVING_ENTERPRISES_2023 = 1_233;

	/**
	 * People out of poverty those bodies linked in 2023 (order production, jobs,
	 * dividends).
	 */
	public static final int DRIVEN_PEOPLE_2023 = 115_000;

	/** Community factories operating in 2023. */
	public static final int COMMUNITY_FACTORIES_2023 = 1_017;

	/** The jobs of those community factories in 2023. */
	public static final int COMMUNITY_FACTORY_JOBS_2023 = 37_800;

	/** Supervision-and-help rounds in 2023 (5轮次集中督帮). */
	public static final int SUPERVISION_ROUNDS_2023 = 5;

	/** Counties (县、市、区) the 2023 rounds covered. */
	public static final int SUPERVISED_COUNTIES_2023 = 10;

	/** Functional zones the 2023 rounds covered: 高新区 and 恒口示范区. */
	public static final int SUPERVISED_ZONES_2023 = 2;

	/** Towns (镇、街道) the 2023 rounds covered. */
	public static final int SUPERVISED_TOWNS_2023 = 94;

	/** Villages (村、社区) the 2023 rounds covered. */
	public static final int SUPERVISED_VILLAGES_2023 = 171;

	/** Municipal departments the 2023 rounds covered. */
	public static final int SUPERVISED_DEPARTMENTS_2023 = 35;

	/** Problems rectified and closed in 2023 (推动整改问题). */
	public static final int RECTIFIED_PROBLEMS_2023 = 301;

	/**
	 * Problems the 2023 rounds found (the report gives no count; ours is illustrative):
	 * the rectified ones and 46 still open at the year's end.
	 */
	public static final int SUPERVISION_PROBLEMS_2023 = 347;

	/**
	 * Households lifted out of poverty on the register (脱贫户): invented, the report gives
	 * none; about Ankang's size.
	 */
	public static final int EXITED_HOUSEHOLDS = 290_417;

	/** People in the households lifted out of poverty: invented, as the households. */
	public static final int EXITED_PEOPLE = 951_326;

	/** People out of poverty in work in 2023 (务工就业): 379,900. */
	public static final int PEOPLE_IN_WORK_2023 = 379_900;

	/** Average per-capita net income of people out of poverty in 2023, in yuan. */
	public static final int AVERAGE_NET_INCOME_YUAN_2023 = 14_884;

	/** Its growth on 2022, in thousandths: 14.1 %. */
	public static final int AVERAGE_NET_INCOME_GROWTH_PERMILLE_2023 = 141;

	/**
	 * Microcredit issued to people out of poverty by the end of 2023: 7,928 million yuan.
	 */
	public static final long MICROCREDIT_FEN_TO_2023 = 7_928_000_000L * 100;

	/** Microcredit loans issued by the end of 2023: invented, the report gives none. */
	public static final int MICROCREDIT_LOANS_TO_2023 = 160_000;

	private DemoFigures() {
	}

}
