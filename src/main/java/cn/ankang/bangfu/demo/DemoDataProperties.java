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
 * @param content what to load: the whole demo city, or its areas alone (and the demo
 * admin), for a city that keeps its records through the API from the first day
 */
@ConfigurationProperties("bangfu.demo")
record DemoDataProperties(@DefaultValue("false") boolean load, @DefaultValue("1") int scale,
		@DefaultValue("20231231") long seed, @DefaultValue("ALL") Content content) {

	/** What the demo load writes. */
	enum Content {

		/** The whole demo city: areas, units, cadres, projects, households, visits. */
		ALL,

		/** The areas alone, and the demo admin's account. */
		AREAS

	}

}
