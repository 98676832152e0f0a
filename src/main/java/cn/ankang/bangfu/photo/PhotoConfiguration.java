package cn.ankang.bangfu.photo;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Photos are kept on local disk unless another {@link PhotoStore} is configured.
 */
@Configuration(proxyBeanMethods = false)
class PhotoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PhotoStore photoStore(PhotoProperties properties) throws IOException {
		return new FileSystemPhotoStore(properties.directory());
	}

}
