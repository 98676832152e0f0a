package cn.ankang.bangfu.shared.values;

/**
 * A person's gender, as recorded for cadres and household members.
 */
public enum Gender {

	FEMALE, MALE

}
