package io.casepost.inbound.reply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One line of a corpus manifest.jsonl (see /work/shared/corpora/README.md). */
record CorpusCase(Path folder, String id, String input, String format, String raw, String expected, String match,
		List<Check> checks) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Check(String type, String value, String flags) {
	}

	static List<CorpusCase> readManifest(Path folder) throws IOException {
		List<CorpusCase> cases = new ArrayList<>();
		for (String line : Files.readAllLines(folder.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
			if (!line.isBlank()) {
				cases.add(parse(folder, JSON.readTree(line)));
			}
		}
		return cases;
	}

	private static CorpusCase parse(Path folder, JsonNode node) {
		List<Check> checks = new ArrayList<>();
		node.path("checks")
			.forEach(c -> checks
				.add(new Check(c.path("type").asString(), c.path("value").asString(), c.path("flags").asString(""))));
		return new CorpusCase(folder, node.path("id").asString(), node.path("input").asString(),
				node.path("input_format").asString("text"), textOrNull(node.path("raw")),
				textOrNull(node.path("expected")), node.path("match").asString("norm"), checks);
	}

	private static String textOrNull(JsonNode node) {
		return node.isNull() || node.isMissingNode() ? null : node.asString();
	}

	String readInput() throws IOException {
		return Files.readString(folder.resolve(input), StandardCharsets.UTF_8);
	}

	String readExpected() throws IOException {
		return expected == null ? null : Files.readString(folder.resolve(expected), StandardCharsets.UTF_8);
	}

	static String toJsonLine(String id, String output) {
		return JSON.writeValueAsString(java.util.Map.of("id", id, "output", output));
	}
}
