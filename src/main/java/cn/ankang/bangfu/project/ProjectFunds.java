package cn.ankang.bangfu.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Amount;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's money: allocated per source by documents (资金下达) and spent against vouchers
 * (支出), never beyond what a source allocated.
 */
@Service
class ProjectFunds {

	private final ProjectRepository projects;

	private final ClientChanges changes;

	private final ProjectKeeping keeping;

	ProjectFunds(ProjectRepository projects, ClientChanges changes, ProjectKeeping keeping) {
		this.projects = projects;
		this.changes = changes;
		this.keeping = keeping;
	}

	/**
	 * Allocates a source's money to a project by a document (资金下达), or changes that
	 * allocation; never below what was spent from it.
	 */
	@Transactional
	Outcome<Project> allocate(AllocateInput input) {
		CurrentUser user = Auth.requireAny(ProjectKeeping.WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("allocateProjectFunds", input.changeId(), input, () -> {
			Project project = this.keeping.locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			if (!ProjectKeeping.mayKeep(user, this.keeping.placeOf(project))) {
				return Outcome.refused(project, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (project.version() != input.baseVersion()) {
				return Outcome.refused(project, Refusals.stale(input.baseVersion(), project.version()));
			}
			if (!project.status().takesFunds()) {
				return Outcome.refused(project, Refusals.invalidTransition(
						"Funds are allocated to approved projects until their completion; this one is %s."
							.formatted(project.status()),
						"资金在项目批复后、竣工前下达；该项目当前为“%s”。".formatted(ProjectKeeping.label(project.status())), "projectId"));
			}
			Optional<UserError> day = Refusals.day(input.allocatedOn(), this.keeping.today(),
					LocalDate.of(project.year() - 1, 1, 1), "allocatedOn");
			if (day.isPresent()) {
				return Outcome.refused(project, day.get());
			}
			long amount = Money.fen(input.amount());
			long spent = this.projects.allocationsOf(List.of(project.key()))
				.stream()
				.filter((allocation) -> allocation.source() == input.source())
				.mapToLong(FundAllocation::spentFen)
				.sum();
			if (amount < spent) {
				return Outcome.refused(project,
						spendingExceeds(
								"%s yuan were spent from this source already: the allocation cannot be less."
									.formatted(Money.yuan(spent).toPlainString()),
								"该来源已支出 %s 元，下达金额不能少于已支出金额。".formatted(Money.yuan(spent).toPlainString()), "amount"));
			}
			this.projects.allocate(project.key(), input.source(), amount, input.documentNumber().strip(),
					input.allocatedOn());
			this.projects.touch(project.key());
			return Outcome.done(this.keeping.project(project.key()));
		}, Project::key, this.keeping::project);
	}

	/** Records money spent from a source against a voucher (支出). */
	@Transactional
	Outcome<ProjectSpending> spend(SpendInput input) {
		CurrentUser user = Auth.requireAny(ProjectKeeping.WHAT, Role.COUNTY_OFFICER, Role.UNIT_MANAGER, Role.ADMIN);
		return this.changes.once("recordProjectSpending", input.changeId(), input, () -> {
			Project project = this.keeping.locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			if (!ProjectKeeping.mayKeep(user, this.keeping.placeOf(project))
					&& !ProjectKeeping.implements_(user, project)) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (!project.status().spends()) {
				return Outcome.refused(null, Refusals.invalidTransition(
						"Nothing is spent on a project before its approval.", "项目批复前不能支出。", "projectId"));
			}
			FundAllocation allocation = this.projects.allocationsOf(List.of(project.key()))
				.stream()
				.filter((a) -> a.source() == input.source())
				.findFirst()
				.orElse(null);
			if (allocation == null) {
				return Outcome.refused(null, spendingExceeds("Nothing was allocated to the project from this source.",
						"该项目没有这一来源的资金下达。", "source"));
			}
			LocalDate notBefore = (allocation.allocatedOn() != null) ? allocation.allocatedOn()
					: LocalDate.of(project.year(), 1, 1);
			Optional<UserError> day = Refusals.day(input.spentOn(), this.keeping.today(), notBefore, "spentOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long amount = Money.fen(input.amount());
			long left = allocation.plannedFen() - allocation.spentFen();
			if (amount > left) {
				return Outcome.refused(null,
						spendingExceeds(
								"Only %s yuan of this source's allocation are left to spend."
									.formatted(Money.yuan(left).toPlainString()),
								"该来源下达的资金只剩 %s 元可支出。".formatted(Money.yuan(left).toPlainString()), "amount"));
			}
			String voucher = input.voucherNumber().strip();
			if (this.projects.voucherRecorded(project.key(), input.source(), voucher)) {
				return Outcome.refused(null,
						Refusals.alreadyExists("Spending under this voucher", "该凭证号的支出记录", "voucherNumber"));
			}
			try {
				long key = this.projects.insertSpending(project.key(), input.source(), amount, input.spentOn(),
						voucher);
				this.projects.touch(project.key());
				return Outcome.done(spending(key));
			}
			catch (DataIntegrityViolationException ex) {
				if (String.valueOf(ex.getMostSpecificCause().getMessage())
					.contains("fund_allocation_spent_within_allocated")) {
					return Outcome.refused(null, spendingExceeds("The allocation has not that much left to spend.",
							"该来源下达的资金余额不足。", "amount"));
				}
				throw ex;
			}
		}, ProjectSpending::key, this::spending);
	}

	private static UserError spendingExceeds(String english, String chinese, String field) {
		return new UserError("SPENDING_EXCEEDS_ALLOCATION", english, List.of("input", field), chinese);
	}

	private @Nullable ProjectSpending spending(long key) {
		return this.projects.spendingByKeys(List.of(key)).stream().findFirst().orElse(null);
	}

	record AllocateInput(@ClientId String changeId, String projectId, int baseVersion, FundAllocation.Source source,
			@Amount(max = ProjectKeeping.MAX_YUAN) BigDecimal amount, @Text(max = 100) String documentNumber,
			LocalDate allocatedOn) {
	}

	record SpendInput(@ClientId String changeId, String projectId, FundAllocation.Source source,
			@Amount(max = ProjectKeeping.MAX_YUAN) BigDecimal amount, LocalDate spentOn,
			@Text(max = 100) String voucherNumber) {
	}

}
