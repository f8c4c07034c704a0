package io.casepost.inbound;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;

import io.casepost.inbound.mime.AttachmentSink;
import io.casepost.inbound.mime.EmailParser;
import io.casepost.inbound.mime.UnreadableEmailException;
import io.casepost.inbound.pipeline.ReplyText;
import io.casepost.inbound.reply.ExtractedReply;
import io.casepost.inbound.reply.ReplyExtractor;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code extract-reply FILE...}: the pipeline's reply extraction over files, one JSON
 * line each, without starting the web server, database or mail server.
 */
public final class ExtractReplyCommand {

	private final ReplyExtractor extractor = new ReplyExtractor();

	private final EmailParser parser = new EmailParser();

	private final JsonMapper json = JsonMapper.builder().build();

	/** Answers the exit code: 0 when every file was read. */
	public int run(String[] files, PrintStream out, PrintStream err) {
		var exit = 0;
		for (var file : files) {
			try {
				var line = new LinkedHashMap<String, String>();
				line.put("file", file);
				line.put("reply", extract(Path.of(file)).text());
				out.println(json.writeValueAsString(line));
			}
			catch (java.nio.file.NoSuchFileException e) {
				err.println("extract-reply: " + file + ": no such file");
				exit = 1;
			}
			catch (IOException | UnreadableEmailException | RuntimeException e) {
				err.println("extract-reply: " + file + ": " + e.getMessage());
				exit = 1;
			}
		}
		out.flush();
		return exit;
	}

	private ExtractedReply extract(Path file) throws IOException, UnreadableEmailException {
		var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".eml")) {
			return ReplyText.of(parser.parse(file, AttachmentSink.SKIP), extractor);
		}
		// bodies in other encodings still give text: undecodable bytes become replacement
		// characters
		var content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		return name.endsWith(".html") || name.endsWith(".htm") ? extractor.fromHtml(content)
				: extractor.fromText(content);
	}

}
