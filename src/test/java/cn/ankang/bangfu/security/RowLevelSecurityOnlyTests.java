package cn.ankang.bangfu.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jurisdiction tests again, with the service's own SQL filter switched off: what
 * keeps rows out here is PostgreSQL's row-level security alone.
 */
@TestPropertySource(properties = "bangfu.security.application-filter=false")
class RowLevelSecurityOnlyTests extends JurisdictionApiTests {

	@Autowired
	Jurisdiction jurisdiction;

	@Test
	void theServicesOwnFilterIsReallyOffHere() {
		assertThat(this.jurisdiction.forQueries().all()).isTrue();
	}

	@Test
	void theServiceWorksAsARoleThatOwnsNothingAndCannotEscapeThePolicies() {
		assertThat(sqlString(
				"""
						select string_agg(tablename || ':' || rowsecurity, ',' order by tablename) from pg_tables
						where tablename in ('household', 'household_member', 'household_income', 'assistance_measure', 'visit')"""))
			.isEqualTo("assistance_measure:true,household:true,household_income:true,household_member:true,visit:true");
		assertThat(sqlString("select rolsuper::text || rolbypassrls::text from pg_roles where rolname = 'bangfu_app'"))
			.isEqualTo("falsefalse");
		assertThat(sqlInt("select count(*) from pg_tables where tableowner = 'bangfu_app'")).isZero();
	}

}
