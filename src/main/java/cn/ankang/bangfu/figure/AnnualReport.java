package cn.ankang.bangfu.figure;

import java.time.OffsetDateTime;

/**
 * A year's figures as the city's annual report gives them; each row as in the figure it
 * comes from.
 *
 * @param year the year
 * @param asOf when it was computed
 * @param monitoring monitored households and people
 * @param measures assistance measures
 * @param cadres resident cadres in post on the year's last day
 * @param assistanceUnits units in designated assistance
 * @param linkageFunds linkage funds of the year's projects
 * @param linkageFundsInKeyCounties those in key counties
 * @param centralAndProvincialFunds the central and provincial linkage funds, spent by the
 * year's end from the spending records
 * @param designatedAssistanceFunds designated-assistance funds
 * @param eastWestCollaborationFunds Jiangsu–Shaanxi collaboration funds
 * @param industryProjects industry projects funded from linkage funds
 * @param nextYearPipeline the next year's pipeline
 * @param villages villages and communities with their legal advisers at the year's end,
 * plans compiled in the year and collective incomes of the year
 * @param villageConstruction village construction projects carried out in the year, from
 * every source of money
 * @param drivingEnterprises enterprises, cooperatives and other bodies but community
 * factories that linked people out of poverty in the year, and those people
 * @param communityFactories community factories with their year recorded, and their jobs
 * @param supervision the year's supervision rounds, what they covered, and the problems
 * found and rectified in it
 * @param population the out-of-poverty population in the year: people in work, incomes
 * @param microcredit microcredit issued to it by the year's end
 */
record AnnualReport(int year, OffsetDateTime asOf, FigureRows.MonitoringRow monitoring, FigureRows.MeasureRow measures,
		FigureRows.CadreRow cadres, FigureRows.AssistanceUnitRow assistanceUnits, FigureRows.FundRow linkageFunds,
		FigureRows.FundRow linkageFundsInKeyCounties, FigureRows.FundRow centralAndProvincialFunds,
		FigureRows.FundRow designatedAssistanceFunds, FigureRows.FundRow eastWestCollaborationFunds,
		long industryProjects, FigureRows.ProjectRow nextYearPipeline, FigureRows.VillageRow villages,
		FigureRows.ProjectRow villageConstruction, FigureRows.EnterpriseRow drivingEnterprises,
		FigureRows.EnterpriseRow communityFactories, FigureRows.SupervisionRow supervision,
		FigureRows.PopulationRow population, FigureRows.MicrocreditRow microcredit) {
}
