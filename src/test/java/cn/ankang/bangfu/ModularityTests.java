package cn.ankang.bangfu;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Features depend on each other only through their public services and records, without
 * cycles.
 */
class ModularityTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ApplicationModules.of(BangfuApplication.class).verify();
	}

}
