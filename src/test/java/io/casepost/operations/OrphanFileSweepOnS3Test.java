package io.casepost.operations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.casepost.CasepostS3Test;
import io.casepost.S3TestServer;
import io.casepost.inbound.InboundLog;
import io.casepost.inbound.InboundReception;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With attachments on S3, raw messages are objects in the bucket too: one a crash left
 * without a row goes with the sweep, one a row names stays and reads back whole.
 */
@CasepostS3Test
class OrphanFileSweepOnS3Test {

	@Autowired
	OrphanFileSweep sweep;

	@Autowired
	InboundReception reception;

	@Autowired
	InboundLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Test
	void aRawMessageInTheBucketThatNoRowNamesIsRemovedAndOneARowNamesStays() throws Exception {
		var raw = "From: chris@client.example\r\nSubject: hello\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
		var id = reception.receive(new ByteArrayInputStream(raw), "SMTP");
		var key = jdbc.sql("select raw_key from inbound_message where id = ?").param(id).query(String.class).single();
		var left = "inbox/2026-01-02/" + UUID.randomUUID() + ".eml";
		try (var s3 = S3TestServer.client()) {
			s3.putObject(put -> put.bucket(S3TestServer.BUCKET).key(objectKey(left)),
					RequestBody.fromString("From: x@y.example\r\n\r\nx"));

			sweep.sweep(Instant.now().plusSeconds(60));

			assertThat(key).as("stored in the bucket, not on this instance's disk").startsWith("inbox/");
			assertThat(s3.getObjectAsBytes(get -> get.bucket(S3TestServer.BUCKET).key(objectKey(key))).asByteArray())
				.isEqualTo(raw);
			assertThatThrownBy(() -> s3.headObject(head -> head.bucket(S3TestServer.BUCKET).key(objectKey(left))))
				.isInstanceOfSatisfying(S3Exception.class, missing -> assertThat(missing.statusCode()).isEqualTo(404));
		}
		try (var in = log.original(id).open()) {
			assertThat(in.readAllBytes()).isEqualTo(raw);
		}
	}

	private String objectKey(String key) {
		return environment.getRequiredProperty("casepost.attachments.s3.prefix") + key;
	}

}
