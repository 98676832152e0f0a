package cn.ankang.bangfu.geo;

import cn.ankang.bangfu.shared.relay.NodeLoader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets {@code node(id)} find areas.
 */
@Configuration(proxyBeanMethods = false)
class GeoNodes {

	@Bean
	NodeLoader cityNodes(GeoService geo) {
		return NodeLoader.numeric("City", geo::citiesByKeys);
	}

	@Bean
	NodeLoader countyNodes(GeoService geo) {
		return NodeLoader.numeric("County", geo::countiesByKeys);
	}

	@Bean
	NodeLoader townNodes(GeoService geo) {
		return NodeLoader.numeric("Town", geo::townsByKeys);
	}

	@Bean
	NodeLoader villageNodes(GeoService geo) {
		return NodeLoader.numeric("Village", geo::villagesByKeys);
	}

}
