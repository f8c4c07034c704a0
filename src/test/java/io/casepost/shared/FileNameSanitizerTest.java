package io.casepost.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNameSanitizerTest {

	@Test
	void directoriesAndTraversalAreStripped() {
		assertThat(FileNameSanitizer.sanitize("../../etc/passwd")).isEqualTo("passwd");
		assertThat(FileNameSanitizer.sanitize("C:\\Users\\anna\\report.pdf")).isEqualTo("report.pdf");
		assertThat(FileNameSanitizer.sanitize("/var/tmp/report.pdf")).isEqualTo("report.pdf");
		assertThat(FileNameSanitizer.sanitize("..")).isNull();
	}

	@Test
	void controlAndBidiCharactersAreRemovedSoAnExeCannotPoseAsAPdf() {
		assertThat(FileNameSanitizer.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
		assertThat(FileNameSanitizer.sanitize("a\u0000b\r\nc.txt")).isEqualTo("abc.txt");
		assertThat(FileNameSanitizer.sanitize("lone\uD800.txt")).isEqualTo("lone.txt");
	}

	@Test
	void reservedWindowsNamesAndCharactersAreDefused() {
		assertThat(FileNameSanitizer.sanitize("CON.txt")).isEqualTo("_CON.txt");
		assertThat(FileNameSanitizer.sanitize("lpt1")).isEqualTo("_lpt1");
		assertThat(FileNameSanitizer.sanitize("Re: what?.eml")).isEqualTo("Re_ what_.eml");
		assertThat(FileNameSanitizer.sanitize(" .hidden. ")).isEqualTo("hidden");
	}

	@Test
	void longNamesAreCutTo150CharactersKeepingTheExtension() {
		var sanitized = FileNameSanitizer.sanitize("x".repeat(300) + ".pdf");

		assertThat(sanitized).hasSize(FileNameSanitizer.MAX_LENGTH).endsWith("xxx.pdf");
	}

	@Test
	void withoutAUsableNameTheFallbackNamesTheIndexAndTheDeclaredType() {
		assertThat(FileNameSanitizer.fileNameOrFallback(null, 0, "image/jpeg")).isEqualTo("attachment-1.jpg");
		assertThat(FileNameSanitizer.fileNameOrFallback("  ", 2, "application/pdf")).isEqualTo("attachment-3.pdf");
		assertThat(FileNameSanitizer.fileNameOrFallback(null, 4, "application/x-nonsense"))
			.isEqualTo("attachment-5.bin");
		assertThat(FileNameSanitizer.fileNameOrFallback("ok.txt", 4, "text/plain")).isEqualTo("ok.txt");
	}

}
