package cn.ankang.bangfu.geo;

/**
 * The level at which an area was designated a key assistance area.
 */
public enum KeyDesignation {

	NATIONAL, PROVINCIAL

}
