package io.casepost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Attached images are stored and served as the bytes they are. Nothing decodes them (no
 * thumbnails, no dimensions), so a decompression bomb, a tiny PNG that claims 100,000 x
 * 100,000 pixels, costs no more than its size on disk.
 */
class ImageDecodingTest {

	@Test
	void noProductCodeDecodesImages() {
		var productClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.casepost");

		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("javax.imageio..", "java.awt.image..", "java.awt", "org.apache.tika.parser.image..",
					"org.apache.commons.imaging..", "com.drew..", "net.coobird..")
			.because("decoding an emailed image without limits is how a decompression bomb exhausts memory")
			.check(productClasses);
	}

}
