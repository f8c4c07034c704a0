package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the decoded bytes of an attachment each time it is asked, so nothing is held in
 * memory.
 */
@FunctionalInterface
public interface AttachmentContent {

	InputStream open() throws IOException;

}
