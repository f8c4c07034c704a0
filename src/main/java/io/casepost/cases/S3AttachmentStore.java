package io.casepost.cases;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Attachment bytes in an S3-compatible bucket, shared by every instance. Files come from
 * the local {@link AttachmentSpool}: their size is known before the PUT, and a file over
 * the limit is never sent.
 */
@Component
@ConditionalOnProperty(name = "casepost.attachments.store", havingValue = "s3")
class S3AttachmentStore implements AttachmentStore, DisposableBean {

	static final String SHA256_METADATA = "sha256";

	private final S3Settings settings;

	private final S3Client s3;

	S3AttachmentStore(S3Settings settings) {
		this.settings = settings;
		this.s3 = client(settings);
	}

	@Override
	public StoredFile adopt(SpooledFile spooled) throws IOException {
		var key = UUID.randomUUID().toString();
		upload(key, spooled.path(), spooled.sha256());
		spooled.discard();
		return new StoredFile(key, spooled.size(), spooled.sha256());
	}

	@Override
	public List<String> keysStoredBefore(Instant before) {
		var prefix = settings.objectKey("");
		return s3.listObjectsV2Paginator(list -> list.bucket(settings.bucket()).prefix(prefix))
			.contents()
			.stream()
			.filter(object -> object.lastModified().isBefore(before))
			.map(object -> object.key().substring(prefix.length()))
			.toList();
	}

	/**
	 * Puts a local file under {@code key}, with its SHA-256 kept beside it as object
	 * metadata.
	 */
	void upload(String key, Path file, String sha256) {
		upload(key, RequestBody.fromFile(file), sha256);
	}

	/**
	 * The same from bytes opened anew for each read of them (the client reads them to
	 * sign the request and again to send it).
	 */
	void upload(String key, ContentStreamProvider bytes, long size, String sha256) {
		upload(key, RequestBody.fromContentProvider(bytes, size, "application/octet-stream"), sha256);
	}

	private void upload(String key, RequestBody body, String sha256) {
		s3.putObject(put -> put.bucket(settings.bucket())
			.key(settings.objectKey(key))
			.metadata(Map.of(SHA256_METADATA, sha256)), body);
	}

	/** The SHA-256 recorded with the object, or null when there is no such object. */
	String sha256Of(String key) {
		try {
			return s3.headObject(head -> head.bucket(settings.bucket()).key(settings.objectKey(key)))
				.metadata()
				.get(SHA256_METADATA);
		}
		catch (NoSuchKeyException e) {
			return null;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
			if (e.statusCode() == 404) {
				return null;
			}
			throw e;
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		try {
			return new AbortingStream(s3.getObject(get -> get.bucket(settings.bucket()).key(settings.objectKey(key))));
		}
		catch (NoSuchKeyException e) {
			throw new NoSuchFileException(settings.describe() + key);
		}
	}

	@Override
	public void delete(String key) {
		s3.deleteObject(delete -> delete.bucket(settings.bucket()).key(settings.objectKey(key)));
	}

	S3Settings settings() {
		return settings;
	}

	@Override
	public void destroy() {
		s3.close();
	}

	static S3Client client(S3Settings settings) {
		var builder = S3Client.builder()
			.region(Region.of(settings.region()))
			// the body goes in one signed piece: some S3-compatible servers would store
			// aws-chunked framing as content
			.serviceConfiguration(S3Configuration.builder()
				.pathStyleAccessEnabled(settings.pathStyle())
				.chunkedEncodingEnabled(false)
				.build())
			.credentialsProvider(credentials(settings))
			// many S3-compatible servers reject the SDK's newer default of a checksum on
			// every request
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null && !settings.endpoint().toString().isEmpty()) {
			builder.endpointOverride(settings.endpoint());
		}
		return builder.build();
	}

	private static AwsCredentialsProvider credentials(S3Settings settings) {
		if (settings.accessKey() == null || settings.accessKey().isBlank()) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
	}

	/**
	 * Closing before the end drops the connection instead of reading the rest of a large
	 * object to reuse it.
	 */
	private static final class AbortingStream extends FilterInputStream {

		private final ResponseInputStream<GetObjectResponse> response;

		private boolean ended;

		AbortingStream(ResponseInputStream<GetObjectResponse> response) {
			super(response);
			this.response = response;
		}

		@Override
		public int read() throws IOException {
			var read = super.read();
			ended |= read == -1;
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			var read = super.read(buffer, offset, length);
			ended |= read == -1;
			return read;
		}

		@Override
		public void close() throws IOException {
			if (!ended) {
				response.abort();
			}
			super.close();
		}

	}

}
