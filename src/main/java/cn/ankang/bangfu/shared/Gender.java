package cn.ankang.bangfu.shared;

/**
 * A person's gender, as recorded for cadres and household members.
 */
public enum Gender {

	FEMALE, MALE

}
