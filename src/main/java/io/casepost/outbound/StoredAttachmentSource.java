package io.casepost.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.casepost.cases.AttachmentInfo;
import io.casepost.cases.CaseUpdateService;
import jakarta.activation.DataSource;

/**
 * An attachment of an email, read from the attachment store as the email is written to
 * the mail server: never whole in memory, and opened afresh for each email sent.
 */
record StoredAttachmentSource(AttachmentInfo file, CaseUpdateService updates) implements DataSource {

	@Override
	public InputStream getInputStream() throws IOException {
		return updates.download(file.id()).content();
	}

	@Override
	public OutputStream getOutputStream() {
		throw new UnsupportedOperationException("An attachment is read from the store, never written to it");
	}

	@Override
	public String getContentType() {
		return file.contentType();
	}

	@Override
	public String getName() {
		return file.filename();
	}

}
