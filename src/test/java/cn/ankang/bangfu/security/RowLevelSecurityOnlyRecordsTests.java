package cn.ankang.bangfu.security;

import org.springframework.test.context.TestPropertySource;

/**
 * The jurisdiction tests of the records kept beside the households
 * ({@link RecordJurisdictionApiTests}) again, with the service's own SQL filter switched
 * off: what keeps rows out here is PostgreSQL's row-level security alone. Configured as
 * {@link RowLevelSecurityOnlyTests}, so that both run in one context.
 */
@TestPropertySource(properties = "bangfu.security.application-filter=false")
class RowLevelSecurityOnlyRecordsTests extends RecordJurisdictionApiTests {

}
