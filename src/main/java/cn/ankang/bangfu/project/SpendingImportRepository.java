package cn.ankang.bangfu.project;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the spending import: the payments on record, and the new ones. */
@Repository
class SpendingImportRepository {

	private final JdbcClient jdbc;

	SpendingImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Payment(long amountFen, LocalDate spentOn) {
	}

	record NewPayment(long projectKey, SpendingImport.SpendingRow row) {
	}

	/** The payments of these projects, by project, then by source|voucher. */
	Map<Long, Map<String, Payment>> payments(List<Long> projects) {
		Map<Long, Map<String, Payment>> payments = new HashMap<>();
		this.jdbc.sql("""
				select project_id, source, voucher_number, amount_fen, spent_on from project_spending
				where project_id = any(:projects)""")
			.param("projects", projects.toArray(Long[]::new))
			.query((rs, n) -> {
				payments.computeIfAbsent(rs.getLong("project_id"), (k) -> new HashMap<>())
					.put(rs.getString("source") + "|" + rs.getString("voucher_number"),
							new Payment(rs.getLong("amount_fen"), rs.getObject("spent_on", LocalDate.class)));
				return 0;
			})
			.list();
		return payments;
	}

	/**
	 * Records the payments; the allocations' sums follow by trigger, within their checks.
	 */
	void insert(List<NewPayment> payments) {
		for (NewPayment payment : payments) {
			this.jdbc.sql("""
					insert into project_spending (project_id, source, amount_fen, spent_on, voucher_number)
					values (:project, :source, :amount, :on, :voucher)""")
				.param("project", payment.projectKey())
				.param("source", payment.row().source())
				.param("amount", payment.row().amountFen())
				.param("on", payment.row().spentOn())
				.param("voucher", payment.row().voucher())
				.update();
		}
	}

}
