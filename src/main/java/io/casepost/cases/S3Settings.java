package io.casepost.cases;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * S3-compatible object storage for attachments ({@code casepost.attachments.store=s3}).
 *
 * @param endpoint the server, for MinIO, Ceph and the like; empty for AWS itself
 * @param pathStyle {@code http://host/bucket/key} rather than
 * {@code http://bucket.host/key}, as most S3-compatible servers want
 * @param accessKey with {@code secretKey}; when empty, the SDK's default chain
 * (environment, profile, instance role)
 * @param prefix put before every key, so that one bucket can hold other things too
 */
@ConfigurationProperties("casepost.attachments.s3")
record S3Settings(URI endpoint, String region, String bucket, boolean pathStyle, String accessKey, String secretKey,
		String prefix) {

	String objectKey(String key) {
		return (prefix == null ? "" : prefix) + key;
	}

	String describe() {
		return "s3://" + bucket + "/" + (prefix == null ? "" : prefix)
				+ (endpoint == null || endpoint.toString().isEmpty() ? "" : " at " + endpoint);
	}
}
