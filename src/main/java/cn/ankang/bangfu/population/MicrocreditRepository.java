package cn.ankang.bangfu.population;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the microcredit lent to the register's households (脱贫人口小额信贷,
 * {@code microcredit_loan}) and its repayments ({@code microcredit_repayment}), with each
 * loan's status on a day. Behind row-level security by village (V34); the statements say
 * the jurisdiction too.
 */
@Repository
class MicrocreditRepository {

	static final String LOAN_LIST = "microcreditLoans";

	private static final RowMapper<MicrocreditLoan> LOAN = (rs, n) -> new MicrocreditLoan(rs.getLong("id"),
			rs.getLong("household_id"), rs.getLong("village_id"), rs.getLong("amount_fen"), rs.getInt("term_months"),
			Rows.date(rs, "issued_on"), Rows.date(rs, "due_on"), rs.getLong("repaid_fen"),
			Rows.dateOrNull(rs, "repaid_on"), rs.getInt("version"), MicrocreditLoan.statusOn(Rows.date(rs, "status_on"),
					rs.getLong("amount_fen"), Rows.date(rs, "due_on"), rs.getLong("repaid_then")));

	private static final String LOANS = """
			from microcredit_loan l
			cross join lateral (select coalesce(sum(r.amount_fen), 0) as repaid_then from microcredit_repayment r
			                    where r.loan_id = l.id and r.repaid_on <= :on) rp
			where l.issued_on <= :on and %s
			  and (cast(:household as bigint) is null or l.household_id = :household)
			  and (cast(:issuedYear as integer) is null or extract(year from l.issued_on) = :issuedYear)
			  and (cast(:status as text) is null or (case when rp.repaid_then >= l.amount_fen then 'REPAID'
			                                             when l.due_on < :on then 'OVERDUE'
			                                             else 'OUTSTANDING' end) = :status)
			  and %s
			""";

	private final JdbcClient jdbc;

	MicrocreditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static String loans(Scope scope) {
		return LOANS.formatted(PopulationRepository.AREAS.formatted("l.village_id"),
				scope.villagePredicate("l.village_id"));
	}

	List<MicrocreditLoan> loans(LoanFilterValues filter, PageRequest page, Scope scope) {
		return this.jdbc.sql("select l.*, rp.repaid_then, cast(:on as date) as status_on " + loans(scope) + """
				  and (cast(:after as bigint) is null or l.id > :after)
				order by l.id
				limit :limit
				""")
			.params(filter.parameters())
			.params(scope.parameters())
			.param("after", page.afterId(LOAN_LIST))
			.param("limit", page.fetchSize())
			.query(LOAN)
			.list();
	}

	int countLoans(LoanFilterValues filter, Scope scope) {
		return this.jdbc.sql("select count(*) " + loans(scope))
			.params(filter.parameters())
			.params(scope.parameters())
			.query(Integer.class)
			.single();
	}

	List<MicrocreditLoan> loansByKeys(Collection<Long> keys, LocalDate on, Scope scope) {
		return this.jdbc.sql("""
				select l.*, l.repaid_fen as repaid_then, cast(:on as date) as status_on from microcredit_loan l
				where l.id in (:keys) and """ + scope.villagePredicate("l.village_id"))
			.param("keys", keys)
			.param("on", on)
			.params(scope.parameters())
			.query(LOAN)
			.list();
	}

	List<MicrocreditLoan> loansOf(Collection<Long> householdKeys, LocalDate on) {
		return this.jdbc.sql("""
				select l.*, l.repaid_fen as repaid_then, cast(:on as date) as status_on from microcredit_loan l
				where l.household_id in (:keys) order by l.household_id, l.issued_on, l.id""")
			.param("keys", householdKeys)
			.param("on", on)
			.query(LOAN)
			.list();
	}

	Optional<MicrocreditLoan> lockLoan(long key, LocalDate on, Scope scope) {
		return this.jdbc.sql("""
				select l.*, l.repaid_fen as repaid_then, cast(:on as date) as status_on from microcredit_loan l
				where l.id = :key and """ + scope.villagePredicate("l.village_id") + " for update of l")
			.param("key", key)
			.param("on", on)
			.params(scope.parameters())
			.query(LOAN)
			.optional();
	}

	long insertLoan(long household, long village, long amountFen, int termMonths, LocalDate issuedOn, LocalDate dueOn) {
		return this.jdbc.sql("""
				insert into microcredit_loan (household_id, village_id, amount_fen, term_months, issued_on, due_on)
				values (:household, :village, :amount, :term, :issued, :due) returning id""")
			.param("household", household)
			.param("village", village)
			.param("amount", amountFen)
			.param("term", termMonths)
			.param("issued", issuedOn)
			.param("due", dueOn)
			.query(Long.class)
			.single();
	}

	void insertRepayment(MicrocreditLoan loan, long amountFen, LocalDate repaidOn) {
		this.jdbc.sql("""
				insert into microcredit_repayment (loan_id, household_id, village_id, amount_fen, repaid_on)
				values (:loan, :household, :village, :amount, :repaidOn)""")
			.param("loan", loan.key())
			.param("household", loan.householdKey())
			.param("village", loan.villageKey())
			.param("amount", amountFen)
			.param("repaidOn", repaidOn)
			.update();
		this.jdbc.sql("""
				update microcredit_loan set repaid_fen = repaid_fen + :amount,
				       repaid_on = greatest(coalesce(repaid_on, :repaidOn), :repaidOn), version = version + 1
				where id = :loan""")
			.param("loan", loan.key())
			.param("amount", amountFen)
			.param("repaidOn", repaidOn)
			.update();
	}

}
