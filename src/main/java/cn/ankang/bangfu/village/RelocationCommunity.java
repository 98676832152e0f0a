package cn.ankang.bangfu.village;

/**
 * A community built for relocated households (易地搬迁安置社区).
 *
 * @param villageKey the community's key (a village of kind community)
 * @param openedYear the year the first households moved in
 * @param householdsMoved households moved there
 * @param peopleMoved people moved there
 * @param version raised by every change
 */
record RelocationCommunity(long villageKey, int openedYear, int householdsMoved, int peopleMoved, int version) {
}
