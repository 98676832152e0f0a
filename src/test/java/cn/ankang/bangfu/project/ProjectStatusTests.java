package cn.ankang.bangfu.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.project.Project.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's way from the pipeline (项目库) to its assets handed over, and what each status
 * allows, without a database.
 */
class ProjectStatusTests {

	@Test
	void aProjectGoesForwardOneStepAtATimeToTheHandover() {
		List<Status> way = new ArrayList<>();
		Optional<Status> status = Optional.of(Status.PIPELINE);
		while (status.isPresent()) {
			way.add(status.get());
			status = status.get().next();
		}
		assertThat(way).containsExactly(Status.PIPELINE, Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED,
				Status.ACCEPTED, Status.ASSETS_HANDED_OVER);
	}

	@Test
	void decisionsNameTheirDocumentAndProgressIsTheImplementingUnits() {
		assertThat(statuses(Status::namesItsDocument)).containsExactly(Status.APPROVED, Status.ACCEPTED,
				Status.ASSETS_HANDED_OVER);
		assertThat(statuses(Status::reportedByTheImplementingUnit)).containsExactly(Status.IN_PROGRESS,
				Status.COMPLETED);
	}

	@Test
	void moneyFollowsTheApprovalAndAssetsTheCompletion() {
		assertThat(statuses(Status::spends)).doesNotContain(Status.PIPELINE).hasSize(Status.values().length - 1);
		assertThat(statuses(Status::takesFunds)).containsExactly(Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED);
		assertThat(statuses(Status::recordsAssets)).containsExactly(Status.COMPLETED, Status.ACCEPTED);
	}

	private static List<Status> statuses(java.util.function.Predicate<Status> rule) {
		return java.util.Arrays.stream(Status.values()).filter(rule).toList();
	}

}
