package cn.ankang.bangfu.unit;

import cn.ankang.bangfu.shared.relay.NodeLoader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets {@code node(id)} find assistance units and pairings.
 */
@Configuration(proxyBeanMethods = false)
class UnitNodes {

	@Bean
	NodeLoader assistanceUnitNodes(UnitService units) {
		return NodeLoader.numeric(AssistanceUnit.TYPE, units::unitsByKeys);
	}

	@Bean
	NodeLoader unitPairingNodes(UnitService units) {
		return NodeLoader.numeric("UnitPairing", units::pairingsByKeys);
	}

}
