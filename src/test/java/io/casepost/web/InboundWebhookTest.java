package io.casepost.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

import io.casepost.Mailboxes;
import io.casepost.PushSourcesTest;
import io.casepost.SentUpdate;
import io.casepost.TestApi;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PushSourcesTest
class InboundWebhookTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	TestApi api;

	SentUpdate update;

	@BeforeEach
	void setUp() throws Exception {
		api = TestApi.asAdmin(port);
		update = SentUpdate.toClient(api, new Mailboxes(imapPort));
	}

	@Test
	void aSignedRawReplyIsAcceptedWith202AndPostedWithinSeconds() throws Exception {
		var body = update.reply("Tuesday at ten works for me.");

		var response = post(body, "sha256=" + sign(body, PushSourcesTest.WEBHOOK_SECRET));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).matches("\\{\"id\":\\d+}");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(update.emailedUpdates(api))
				.as("inbound log: %s", api.get("/api/inbound/messages").body())
				.contains("Tuesday at ten works for me."));
	}

	@Test
	void aBodySignedWithAnotherSecretIsRefusedWith403AndNotStored() throws Exception {
		var body = update.reply("Forged.");
		var before = inboxSize();

		var response = post(body, "sha256=" + sign(body, "not-the-secret"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(inboxSize()).isEqualTo(before);
	}

	@Test
	void aSignatureOfADifferentBodyIsRefusedWith403() throws Exception {
		var signed = update.reply("What was signed.");

		assertThat(post(update.reply("What was sent."), "sha256=" + sign(signed, PushSourcesTest.WEBHOOK_SECRET))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void anUnsignedBodyIsRefusedWith401() throws Exception {
		assertThat(post(update.reply("No signature."), null).statusCode()).isEqualTo(401);
	}

	@Test
	void aBodyOverTheSizeLimitIsRefusedWith413() throws Exception {
		var body = new byte[1024 * 1024 + 1];
		java.util.Arrays.fill(body, (byte) 'a');

		assertThat(post(body, "sha256=" + sign(body, PushSourcesTest.WEBHOOK_SECRET)).statusCode()).isEqualTo(413);
	}

	private int inboxSize() {
		return api.get("/api/inbound/messages").ok(200).jsonList().size();
	}

	private HttpResponse<String> post(byte[] body, String signature) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/inbound/raw"))
			.header("Content-Type", "message/rfc822")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (signature != null) {
			request.header(InboundWebhook.SIGNATURE_HEADER, signature);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String sign(byte[] body, String secret) throws Exception {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

}
