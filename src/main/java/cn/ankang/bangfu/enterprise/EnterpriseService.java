package cn.ankang.bangfu.enterprise;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the bodies that drive households and their years, within the asker's
 * jurisdiction.
 */
@Service
@Transactional(readOnly = true)
class EnterpriseService {

	private final EnterpriseRepository repository;

	private final Jurisdiction jurisdiction;

	EnterpriseService(EnterpriseRepository repository, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
	}

	/** A page of bodies, ordered by id. */
	Connection<Enterprise> enterprises(EnterpriseFilter filter, PageRequest page, boolean countTotal) {
		var scope = this.jurisdiction.forQueries();
		List<Enterprise> rows = this.repository.enterprises(scope, filter, page);
		int total = countTotal ? this.repository.countEnterprises(scope, filter) : 0;
		return Connection.of(rows, page,
				(enterprise) -> PageRequest.cursor(EnterpriseRepository.ENTERPRISE_LIST, enterprise.key()), total);
	}

	/** A page of bodies' years, ordered by id. */
	Connection<EnterpriseYear> years(EnterpriseFilter filter, PageRequest page, boolean countTotal) {
		var scope = this.jurisdiction.forQueries();
		List<EnterpriseYear> rows = this.repository.years(scope, filter, page);
		int total = countTotal ? this.repository.countYears(scope, filter) : 0;
		return Connection.of(rows, page, (year) -> PageRequest.cursor(EnterpriseRepository.YEAR_LIST, year.key()),
				total);
	}

	Map<Long, Enterprise> enterprisesByKeys(Collection<Long> keys) {
		return this.repository.enterprisesByKeys(this.jurisdiction.forQueries(), keys)
			.stream()
			.collect(Collectors.toMap(Enterprise::key, Function.identity()));
	}

	Map<Long, EnterpriseYear> yearsByKeys(Collection<Long> keys) {
		return this.repository.yearsByKeys(this.jurisdiction.forQueries(), keys)
			.stream()
			.collect(Collectors.toMap(EnterpriseYear::key, Function.identity()));
	}

	/** Each body's years, oldest first. */
	Map<Long, List<EnterpriseYear>> yearsOf(Collection<Long> enterpriseKeys) {
		return this.repository.yearsOf(enterpriseKeys)
			.stream()
			.collect(Collectors.groupingBy(EnterpriseYear::enterpriseKey));
	}

	/** Each year's employed households the user may see, as household keys. */
	Map<Long, List<Long>> employedHouseholdsOf(Collection<Long> yearKeys) {
		return this.repository.employedHouseholdsOf(yearKeys)
			.stream()
			.collect(Collectors.groupingBy((link) -> link[0],
					Collectors.mapping((link) -> link[1], Collectors.toList())));
	}

}
