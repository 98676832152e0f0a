package cn.ankang.bangfu.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The synthetic names and numbers of the demo data set: place names, the names of the
 * copies of the city, resident ID numbers with valid check digits that no real person
 * has, and phone numbers that no Chinese mobile has.
 */
final class DemoNames {

	static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
			"何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘",
			"蒋", "蔡", "余" };

	static final String[] PLACE_FIRST = { "茶", "竹", "石", "双", "蒿", "大", "新", "龙", "金", "太", "凤", "观", "高", "沙", "铁",
			"中", "关", "洞", "红", "麻", "黄", "麦", "安", "平", "长", "汉", "西", "东", "南", "北", "柳", "桃", "松", "青", "白", "马",
			"牛", "狮", "花", "清" };

	static final String[] PLACE_SECOND = { "坪", "河", "溪", "坝", "岭", "沟", "湾", "口", "关", "山", "庙", "垭", "营", "桥", "堡",
			"岩", "园", "林", "田", "塘" };

	private DemoNames() {
	}

	static String placeName(SplittableRandom random) {
		return PLACE_FIRST[random.nextInt(PLACE_FIRST.length)] + PLACE_SECOND[random.nextInt(PLACE_SECOND.length)];
	}

	static String copyName(String name, int copy) {
		return (copy == 0) ? name : name + "（模拟" + (copy + 1) + "）";
	}

	static String two(int n) {
		return String.format("%02d", n);
	}

	static String three(int n) {
		return String.format("%03d", n);
	}

	/**
	 * A synthetic resident ID number with a valid check digit. It starts with 99, which
	 * no real division code does, so that nobody mistakes it for a real person's.
	 */
	static String idNumber(long number, LocalDate birthDate) {
		String body = "99" + String.format("%04d", (number / 1000) % 10_000) + String.format("%04d%02d%02d",
				birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth())
				+ String.format("%03d", number % 1000);
		return withCheckDigit(body);
	}

	/**
	 * A synthetic ID number of the register: it starts with 98, which no real division
	 * code does, nor any monitored household's synthetic one (99).
	 */
	static String exitedIdNumber(long number, LocalDate birthDate) {
		return withCheckDigit("98" + idNumber(number, birthDate).substring(2, 17));
	}

	/**
	 * A synthetic phone number starting with 100, which no Chinese mobile number does.
	 */
	static String phone(long number) {
		return "100" + String.format("%08d", number % 100_000_000L);
	}

	/** The 17 digits with the check digit of a resident ID number after them. */
	private static String withCheckDigit(String body) {
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (body.charAt(i) - '0') * weights[i];
		}
		return body + "10X98765432".charAt(sum % 11);
	}

}
