package io.casepost.inbound.mime;

import java.util.Locale;

import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;

/**
 * Tells mime4j each part's type and boundary as this package reads Content-Type: mime4j's
 * own parser gives up on a stray semicolon or unquoted special characters, and a
 * multipart whose boundary cannot be found is read as the text it is.
 */
final class LenientBodyDescriptors implements BodyDescriptorBuilder {

	private final String defaultType;

	private String contentType;

	private String transferEncoding;

	LenientBodyDescriptors() {
		this("text/plain");
	}

	private LenientBodyDescriptors(String defaultType) {
		this.defaultType = defaultType;
	}

	@Override
	public void reset() {
		contentType = null;
		transferEncoding = null;
	}

	@Override
	public Field addField(RawField field) {
		var name = field.getName().strip().toLowerCase(Locale.ROOT);
		if (name.equals("content-type") && contentType == null) {
			contentType = field.getBody();
		}
		else if (name.equals("content-transfer-encoding") && transferEncoding == null) {
			transferEncoding = field.getBody();
		}
		return null;
	}

	@Override
	public BodyDescriptor build() {
		var declared = HeaderParameters.value(contentType);
		var mediaType = declared.contains("/") ? declared : defaultType;
		var boundary = mediaType.startsWith("multipart/") ? HeaderParameters.parameter(contentType, "boundary") : null;
		if (mediaType.startsWith("multipart/") && (boundary == null || boundary.isEmpty())) {
			mediaType = "text/plain";
		}
		return new Descriptor(mediaType, boundary, HeaderParameters.parameter(contentType, "charset"),
				transferEncoding == null ? "7bit" : transferEncoding.strip().toLowerCase(Locale.ROOT));
	}

	/**
	 * The parts of a multipart/digest are messages unless they say otherwise (RFC 2046).
	 */
	@Override
	public BodyDescriptorBuilder newChild() {
		return new LenientBodyDescriptors(
				"multipart/digest".equals(HeaderParameters.value(contentType)) ? "message/rfc822" : "text/plain");
	}

	private record Descriptor(String mimeType, String boundary, String charset,
			String transferEncoding) implements BodyDescriptor {

		@Override
		public String getBoundary() {
			return boundary;
		}

		@Override
		public String getMimeType() {
			return mimeType;
		}

		@Override
		public String getMediaType() {
			return mimeType.substring(0, mimeType.indexOf('/'));
		}

		@Override
		public String getSubType() {
			return mimeType.substring(mimeType.indexOf('/') + 1);
		}

		@Override
		public String getCharset() {
			return charset;
		}

		@Override
		public String getTransferEncoding() {
			return transferEncoding;
		}

		@Override
		public long getContentLength() {
			return -1;
		}

	}

}
