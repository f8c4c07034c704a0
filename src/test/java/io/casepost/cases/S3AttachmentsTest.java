package io.casepost.cases;

import java.util.List;

import io.casepost.CasepostS3Test;
import io.casepost.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.beans.factory.annotation.Value;

@CasepostS3Test
class S3AttachmentsTest extends AttachmentStoreRules {

	static S3Client s3;

	@Value("${casepost.attachments.s3.prefix}")
	String prefix;

	@BeforeAll
	static void connect() {
		s3 = S3TestServer.client();
	}

	@AfterAll
	static void disconnect() {
		s3.close();
	}

	@Override
	void overwriteStored(String key, byte[] bytes) {
		s3.putObject(put -> put.bucket(S3TestServer.BUCKET).key(prefix + key), RequestBody.fromBytes(bytes));
	}

	@Override
	List<String> storedKeys() {
		return s3.listObjectsV2Paginator(list -> list.bucket(S3TestServer.BUCKET).prefix(prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.map(key -> key.substring(prefix.length()))
			.toList();
	}

}
