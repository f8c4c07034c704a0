package io.casepost.inbound.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.casepost.CasepostTest;
import io.casepost.inbound.Disposition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The fuzzing corpus run as part of the suite: the seeds, every input the long fuzzing
 * run ever found (kept under {@code regressions/}), and the shared MIME and reply corpora
 * go through the whole pipeline; each must end in an outcome with a reason, within a time
 * and an allocation limit.
 */
@CasepostTest
class InboundFuzzRegressionTest {

	/**
	 * What counts as a hang: wall-clock time, generous because the suite shares its
	 * cores.
	 */
	private static final Duration TIME_LIMIT_PER_MESSAGE = Duration.ofSeconds(15);

	/**
	 * What one message may cost in processor time, which other work on the machine does
	 * not inflate.
	 */
	private static final Duration CPU_LIMIT_PER_MESSAGE = Duration.ofSeconds(2);

	private static final long ALLOCATION_LIMIT_PER_MESSAGE = 512L * 1024 * 1024;

	private static final String RESOURCES = "/io/casepost/inbound/fuzz/";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void everySeedAndEveryFormerFindingEndsInAnOutcomeWithAReasonInTimeAndBoundedMemory() throws IOException {
		var target = PipelineTarget.onFreshCase(context, port);
		var outcomes = new TreeMap<Disposition, Integer>();
		var inputs = inputs();
		for (var input : inputs) {
			var bytes = Files.readAllBytes(input);
			var outcome = assertTimeoutPreemptively(TIME_LIMIT_PER_MESSAGE, () -> withinLimits(target, bytes),
					() -> input + " took longer than " + TIME_LIMIT_PER_MESSAGE);
			assertThat(outcome.recorded()).as(input + ": " + outcome).isTrue();
			outcomes.merge(outcome.disposition(), 1, Integer::sum);
		}
		System.out.printf("Fuzz regression: %d inputs, outcomes %s%n", inputs.size(), outcomes);
		assertThat(outcomes.get(Disposition.POSTED)).as("seeds that reach posting").isPositive();
	}

	private static PipelineTarget.Outcome withinLimits(PipelineTarget target, byte[] bytes) {
		var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		var allocatedBefore = threads.getCurrentThreadAllocatedBytes();
		var cpuBefore = threads.getCurrentThreadCpuTime();
		var outcome = target.deliver(bytes);
		assertThat(threads.getCurrentThreadAllocatedBytes() - allocatedBefore).isLessThan(ALLOCATION_LIMIT_PER_MESSAGE);
		assertThat(Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuBefore)).isLessThan(CPU_LIMIT_PER_MESSAGE);
		return outcome;
	}

	private static List<Path> inputs() throws IOException {
		var inputs = new ArrayList<Path>();
		inputs.addAll(files(resource("seeds")));
		inputs.addAll(files(resource("regressions")));
		var corpora = sharedCorpora();
		if (corpora != null) {
			inputs.addAll(listedIn(corpora.resolve("mime")));
			inputs.addAll(files(corpora.resolve("reply/talon_eml/raw")));
		}
		return inputs;
	}

	private static Path resource(String folder) {
		try {
			return Path.of(InboundFuzzRegressionTest.class.getResource(RESOURCES + folder).toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static List<Path> files(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> list = Files.list(folder)) {
			return list.filter(file -> !file.getFileName().toString().startsWith(".")).sorted().toList();
		}
	}

	/**
	 * The messages a corpus manifest lists (the folder also holds their expected parts).
	 */
	private static List<Path> listedIn(Path corpus) throws IOException {
		var json = JsonMapper.builder().build();
		return Files.readAllLines(corpus.resolve("manifest.jsonl"))
			.stream()
			.filter(line -> !line.isBlank())
			.map(line -> corpus.resolve(json.readTree(line).get("path").asString()))
			.toList();
	}

	/**
	 * The shared corpora beside the project, if this checkout has them (a clone elsewhere
	 * runs the seeds only).
	 */
	private static Path sharedCorpora() {
		var configured = System.getProperty("casepost.corpora");
		return Stream.of(configured == null ? null : Path.of(configured), Path.of("../shared/corpora"))
			.filter(path -> path != null && Files.isDirectory(path))
			.findFirst()
			.orElse(null);
	}

}
