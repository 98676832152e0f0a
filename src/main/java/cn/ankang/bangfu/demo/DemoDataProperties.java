package cn.ankang.bangfu.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether and how to load the demo data set.
 *
 * @param load whether to load it at start-up into an empty database
 * @param scale how many copies of the city to generate: 1 is Ankang, 10 a province, 100 a
 * country
 * @param seed the seed of the generator; the same seed always gives the same data
 */
@ConfigurationProperties("bangfu.demo")
record DemoDataProperties(@DefaultValue("false") boolean load, @DefaultValue("1") int scale,
		@DefaultValue("20231231") long seed) {
}
