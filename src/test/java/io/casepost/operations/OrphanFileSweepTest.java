package io.casepost.operations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.inbound.InboundReception;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files a crash left without a row, in the inbox and in the attachment store, go once
 * they are older than the grace period; files a row names stay, however old.
 */
@CasepostTest
class OrphanFileSweepTest {

	@LocalServerPort
	int port;

	@Autowired
	OrphanFileSweep sweep;

	@Autowired
	InboundReception reception;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Test
	void filesNoRowNamesAreRemovedAfterTheGracePeriodAndFilesARowNamesStay() throws Exception {
		var attachment = attachmentFileOfANewUpdate();
		var message = rawFileOf(reception.receive(new ByteArrayInputStream(
				"From: chris@client.example\r\nSubject: hello\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII)),
				"SMTP"));
		var day = inbox().resolve("2026-01-02");
		Files.createDirectories(day);
		var leftMessage = Files.writeString(day.resolve(UUID.randomUUID() + ".eml"), "From: x@y.example\r\n\r\nx");
		var cutShort = Files.writeString(day.resolve(UUID.randomUUID() + ".eml.part"), "From: x@y");
		var leftAttachment = Files.writeString(attachments().resolve(UUID.randomUUID().toString()), "%PDF-1.4");
		var recentlyLeft = Files.writeString(attachments().resolve(UUID.randomUUID().toString()), "%PDF-1.4");
		for (var file : List.of(attachment, message, leftMessage, cutShort, leftAttachment)) {
			Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		}

		var removed = sweep.sweep(Instant.now().minus(Duration.ofDays(1)));

		assertThat(removed).isEqualTo(3);
		assertThat(leftMessage).doesNotExist();
		assertThat(cutShort).doesNotExist();
		assertThat(leftAttachment).doesNotExist();
		assertThat(attachment).exists();
		assertThat(message).exists();
		assertThat(recentlyLeft).as("within the grace period").exists();
	}

	private Path attachmentFileOfANewUpdate() {
		var caseFile = TestApi.asAdmin(port).openCase();
		var update = TestApi.asAdmin(port)
			.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.postWithFiles(caseFile.updatesPath(), Map.of("body", "Notes attached."),
					Map.of("notes.txt", "Count sheet, aisle 12.".getBytes(StandardCharsets.US_ASCII)))
			.ok(201)
			.json();
		@SuppressWarnings("unchecked")
		var id = ((Number) ((List<Map<String, Object>>) update.get("attachments")).get(0).get("id")).longValue();
		var key = jdbc.sql("select storage_key from attachment where id = ?").param(id).query(String.class).single();
		return attachments().resolve(key);
	}

	private Path rawFileOf(long inboundMessageId) {
		var key = jdbc.sql("select raw_key from inbound_message where id = ?")
			.param(inboundMessageId)
			.query(String.class)
			.single();
		return inbox().resolve(key);
	}

	private Path inbox() {
		return Path.of(environment.getRequiredProperty("casepost.data-dir"), "inbox");
	}

	private Path attachments() {
		return Path.of(environment.getRequiredProperty("casepost.data-dir"), "attachments");
	}

}
