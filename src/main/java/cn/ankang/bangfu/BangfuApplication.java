package cn.ankang.bangfu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the Bangfu service: the GraphQL API over the programme's records.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BangfuApplication {

	public static void main(String[] args) {
		SpringApplication.run(BangfuApplication.class, args);
	}

}
