package cn.ankang.bangfu.enterprise;

import java.util.List;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * What a body did in a year (年度带动情况).
 *
 * @param key database key
 * @param enterpriseKey the body's key
 * @param year the year
 * @param modes how it linked households out of poverty
 * @param linkedHouseholds households out of poverty it linked (带动脱贫户)
 * @param linkedPeople people out of poverty it linked (带动脱贫人口)
 * @param workers the workers it employed (用工人数, jobs)
 * @param workersOutOfPoverty of them, people out of poverty (脱贫劳动力)
 * @param workersFromMonitoredHouseholds of them, people of monitored households (监测对象)
 * @param version raised by every change
 */
public record EnterpriseYear(long key, long enterpriseKey, int year, List<Enterprise.Mode> modes, int linkedHouseholds,
		int linkedPeople, int workers, int workersOutOfPoverty, int workersFromMonitoredHouseholds, int version) {

	public static final String TYPE = "EnterpriseYear";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

}
