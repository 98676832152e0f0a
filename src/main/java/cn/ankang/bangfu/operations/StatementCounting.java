package cn.ankang.bangfu.operations;

import java.util.List;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the SQL statements each request runs (a batch counts its statements), for the
 * {@code bangfu.graphql.sql.statements} metric: a request whose count grows with its rows
 * is an N+1 that escaped the tests. The count belongs to the thread serving the request.
 */
@Configuration(proxyBeanMethods = false)
class StatementCounting {

	private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);

	/** Starts counting for the current thread's request. */
	static void reset() {
		COUNT.get()[0] = 0;
	}

	/** Statements run by the current thread since {@link #reset()}. */
	static long count() {
		return COUNT.get()[0];
	}

	@Bean
	static BeanPostProcessor statementCountingDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource) {
					return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(new Counter()).build();
				}
				return bean;
			}
		};
	}

	private static final class Counter implements QueryExecutionListener {

		@Override
		public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		}

		@Override
		public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
			COUNT.get()[0] += Math.max(1, execInfo.getBatchSize());
		}

	}

}
