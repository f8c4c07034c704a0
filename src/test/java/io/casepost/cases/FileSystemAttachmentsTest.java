package io.casepost.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.casepost.CasepostTest;

import org.springframework.beans.factory.annotation.Value;

@CasepostTest
class FileSystemAttachmentsTest extends AttachmentStoreRules {

	@Value("${casepost.data-dir}")
	Path dataDir;

	@Override
	void overwriteStored(String key, byte[] bytes) throws IOException {
		Files.write(dataDir.resolve("attachments").resolve(key), bytes);
	}

	@Override
	List<String> storedKeys() throws IOException {
		try (var files = Files.list(dataDir.resolve("attachments"))) {
			return files.map(file -> file.getFileName().toString()).toList();
		}
	}

}
