package io.casepost.inbound.fuzz;

import io.casepost.CasepostApplication;
import io.casepost.TestEnvironment;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Jazzer's entry points for the long fuzzing run ({@code mvn -Pfuzz}, see
 * docs/reliability.md): the whole product is started once on an in-memory database with
 * its embedded mail server, then every input goes through {@link PipelineTarget}. An
 * exception, or an input left without an outcome and its reason, is a finding;
 * libFuzzer's {@code -timeout} and {@code -rss_limit_mb} catch hangs and unbounded
 * memory.
 */
public final class InboundFuzzTarget {

	private static PipelineTarget target;

	private InboundFuzzTarget() {
	}

	public static void fuzzerInitialize() {
		var context = new SpringApplicationBuilder(CasepostApplication.class).initializers(new TestEnvironment())
			.properties("server.port=0", "logging.level.root=WARN", "logging.level.io.casepost=ERROR")
			.run();
		var port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		target = PipelineTarget.onFreshCase(context, port);
	}

	public static void fuzzerTestOneInput(byte[] input) {
		var outcome = target.deliver(input);
		if (!outcome.recorded()) {
			throw new IllegalStateException("No outcome with a reason recorded: " + outcome);
		}
	}

}
