package io.casepost.cases;

import java.util.Collection;
import java.util.List;

/**
 * A media type found in a file's bytes, with the file-name extensions that type goes by.
 */
public record DetectedType(String mediaType, List<String> extensions) {

	public boolean isOneOf(Collection<String> supportedExtensions) {
		return extensions.stream().anyMatch(supportedExtensions::contains);
	}
}
