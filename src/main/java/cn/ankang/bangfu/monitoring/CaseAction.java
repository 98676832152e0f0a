package cn.ankang.bangfu.monitoring;

/**
 * The steps of a monitoring case; {@link CaseState} says which are allowed where.
 */
enum CaseAction {

	OPEN, VERIFY, DISMISS, REVIEW, CONFIRM, PROPOSE_ELIMINATION, REJECT, CARRY_OVER

}
