package cn.ankang.bangfu.cadre;

import cn.ankang.bangfu.shared.relay.NodeLoader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets {@code node(id)} find cadres and postings.
 */
@Configuration(proxyBeanMethods = false)
class CadreNodes {

	@Bean
	NodeLoader residentCadreNodes(CadreService cadres) {
		return NodeLoader.numeric(ResidentCadre.TYPE, cadres::cadresByKeys);
	}

	@Bean
	NodeLoader postingNodes(CadreService cadres) {
		return NodeLoader.numeric("Posting", cadres::postingsByKeys);
	}

}
