package cn.ankang.bangfu;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the service runs, for the proofs that a request's statement
 * count depends on its depth and not on its rows. The tests run one at a time, so one
 * counter for the JVM is enough.
 */
public final class StatementCounter {

	private static final AtomicLong executed = new AtomicLong();

	private StatementCounter() {
	}

	private static final AtomicLong ended = new AtomicLong();

	/** Transactions ended so far, by commit or rollback: each is a round trip. */
	public static long transactions() {
		return ended.get();
	}

	/** Statements run so far. */
	public static long count() {
		return executed.get();
	}

	/** Wraps the application's data source so that every statement it runs is counted. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof DataSource dataSource) {
						return ProxyDataSourceBuilder.create(dataSource)
							.listener(new Listener())
							.methodListener(new Ends())
							.build();
					}
					return bean;
				}
			};
		}

	}

	private static final class Ends implements MethodExecutionListener {

		@Override
		public void beforeMethod(MethodExecutionContext context) {
		}

		@Override
		public void afterMethod(MethodExecutionContext context) {
			if (context.getTarget() instanceof Connection && (context.getMethod().getName().equals("commit")
					|| context.getMethod().getName().equals("rollback"))) {
				ended.incrementAndGet();
			}
		}

	}

	private static final class Listener implements QueryExecutionListener {

		@Override
		public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		}

		@Override
		public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
			executed.addAndGet(Math.max(1, queryInfoList.size()));
		}

	}

}
