package io.casepost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.casepost.inbound.reply.ExtractedReply;
import io.casepost.inbound.reply.ReplyExtractor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reply extraction throughput on the discourse corpus (messages per second, one thread)
 * and latency on a reply above 767 KB of quoted history built from the corpus. The
 * corpora are found at ../shared/corpora or at -Dcasepost.corpora.
 */
@State(Scope.Benchmark)
@Threads(1)
public class ReplyExtractionBenchmark {

	private static final int DISCOURSE_MESSAGES = 64;

	private static final int QUOTED_BYTES = 767 * 1024;

	private final ReplyExtractor extractor = new ReplyExtractor();

	private List<String> discourse;

	private String quoted767Kb;

	@Setup
	public void loadCorpus() throws IOException {
		Path input = corpora().resolve("reply/discourse_trimmer/input");
		try (Stream<Path> files = Files.list(input)) {
			discourse = files.sorted().map(ReplyExtractionBenchmark::read).toList();
		}
		if (discourse.size() != DISCOURSE_MESSAGES) {
			throw new IllegalStateException("expected " + DISCOURSE_MESSAGES + " messages in " + input);
		}
		quoted767Kb = replyAboveQuotedHistory(discourse);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(DISCOURSE_MESSAGES)
	public void discourseCorpus(Blackhole blackhole) {
		for (String message : discourse) {
			blackhole.consume(extractor.fromText(message));
		}
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public ExtractedReply quoted767KbMessage() {
		return extractor.fromText(quoted767Kb);
	}

	private static String replyAboveQuotedHistory(List<String> messages) {
		StringBuilder body = new StringBuilder(
				"Thanks, that fixed it.\n\nOn Mon, Feb 1, 2016 at 4:58 AM, Ann <ann@example.org> wrote:\n");
		while (body.length() < QUOTED_BYTES) {
			for (String message : messages) {
				message.lines().forEach(line -> body.append("> ").append(line).append('\n'));
			}
		}
		return body.toString();
	}

	private static Path corpora() {
		Path relative = Path.of("..", "shared", "corpora");
		return Files.isDirectory(relative) ? relative
				: Path.of(System.getProperty("casepost.corpora", relative.toString()));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
