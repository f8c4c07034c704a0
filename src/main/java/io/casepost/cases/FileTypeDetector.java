package io.casepost.cases;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import org.apache.tika.Tika;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Tells what a file really is from its bytes (the name is only a hint), so that an
 * executable called {@code report.pdf} is recognised as an executable.
 */
@org.springframework.stereotype.Component
public class FileTypeDetector {

	private final Tika tika = new Tika();

	private final MimeTypes registry = TikaConfig.getDefaultConfig().getMimeRepository();

	public DetectedType detect(InputStream content, String fileName) throws IOException {
		return detected(tika.detect(new BufferedInputStream(content), fileName));
	}

	/** From the first bytes of a file, as {@link AttachmentSpool} keeps them. */
	public DetectedType detect(byte[] head, String fileName) {
		return detected(tika.detect(head, fileName));
	}

	private DetectedType detected(String mediaType) {
		return new DetectedType(mediaType, extensionsOf(mediaType));
	}

	private List<String> extensionsOf(String mediaType) {
		try {
			return registry.forName(mediaType)
				.getExtensions()
				.stream()
				.map(extension -> extension.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT))
				.toList();
		}
		catch (MimeTypeException unknown) {
			return List.of();
		}
	}

}
