package cn.ankang.bangfu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Features depend on each other only through their public services and records, without
 * cycles; and the picture of who depends on whom in docs/ is the code's own.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(BangfuApplication.class);

	@Test
	void featuresKeepTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void theModuleDiagramInTheDocsIsDrawnFromTheCode() throws IOException {
		Path folder = Path.of("target", "module-diagram");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
			.writeModulesAsPlantUml(
					Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.UML));
		// the lines, in any order: the exporter's order differs from run to run
		List<String> drawn = sorted(Files.readAllLines(folder.resolve("components.puml")));
		Path committed = Path.of("docs", "modules.puml");
		assertThat(committed.toFile().isFile() ? sorted(Files.readAllLines(committed)) : List.of())
			.as("docs/modules.puml is not the code's: copy %s there", folder.resolve("components.puml"))
			.isEqualTo(drawn);
	}

	private static List<String> sorted(List<String> lines) {
		return lines.stream().sorted().toList();
	}

}
