package cn.ankang.bangfu.enterprise;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.project.Project;
import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A body that drives households (带动主体): an enterprise, a cooperative, a family farm or a
 * community factory.
 *
 * @param key database key
 * @param name name
 * @param kind what kind of body it is
 * @param industry the industry it works in
 * @param countyKey its county's key
 * @param townKey its town's key, when narrower than a county
 * @param villageKey its village's key, when narrower than a town
 * @param openedOn the day it was registered or opened
 * @param closedOn the day it closed; null while it operates
 * @param version raised by every change
 */
public record Enterprise(long key, String name, Kind kind, Project.Industry industry, long countyKey,
		@Nullable Long townKey, @Nullable Long villageKey, LocalDate openedOn, @Nullable LocalDate closedOn,
		int version) {

	public static final String TYPE = "Enterprise";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** Whether it operated on some day of the year. */
	boolean operatesIn(int year) {
		return this.openedOn.getYear() <= year && (this.closedOn == null || this.closedOn.getYear() >= year);
	}

	/** The kinds of bodies. */
	public enum Kind {

		ENTERPRISE, COOPERATIVE, FAMILY_FARM, COMMUNITY_FACTORY, OTHER

	}

	/** How a body links households out of poverty (带动方式). */
	public enum Mode {

		ORDER_PRODUCTION, EMPLOYMENT, DIVIDEND, LAND_RENT, OTHER

	}

}
