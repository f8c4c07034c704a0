package io.casepost.inbound.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

	@Test
	void gmailHeaderGivesItsServerAndEachVerdictWithCommentsHoldingSemicolonsIgnored() {
		var results = AuthenticationResults
			.parse("""
					mx.google.com;\r
					       dkim=pass header.i=@client.example header.s=20230601 header.b=Xy1+Ab;\r
					       spf=pass (google.com: domain of chris@client.example designates 203.0.113.5 as permitted sender; good) smtp.mailfrom=chris@client.example;\r
					       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=client.example""")
			.orElseThrow();

		assertThat(results.authservId()).isEqualTo("mx.google.com");
		assertThat(results.spf()).isEqualTo("pass");
		assertThat(results.dkim()).isEqualTo("pass");
		assertThat(results.dmarc()).isEqualTo("pass");
		assertThat(results.verdicts()).extracting(AuthenticationResults.Verdict::method)
			.containsExactly("dkim", "spf", "dmarc");
		assertThat(results.verdicts().get(0).properties()).containsEntry("header.i", "@client.example")
			.containsEntry("header.s", "20230601");
		assertThat(results.verdicts().get(1).properties()).containsEntry("smtp.mailfrom", "chris@client.example");
	}

	@Test
	void microsoftHeaderWithoutAnAuthservIdStillGivesItsVerdicts() {
		var results = AuthenticationResults.parse("spf=fail (sender IP is 198.51.100.7) smtp.mailfrom=client.example; "
				+ "dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=client.example;compauth=fail reason=000")
			.orElseThrow();

		assertThat(results.authservId()).isNull();
		assertThat(results.spf()).isEqualTo("fail");
		assertThat(results.dkim()).isEqualTo("none");
		assertThat(results.dmarc()).isEqualTo("fail");
		assertThat(results.result("compauth")).isEqualTo("fail");
	}

	@Test
	void oneGoodDkimSignatureAmongSeveralPasses() {
		var results = AuthenticationResults.parse(
				"mx.agency.example 1; dkim=fail reason=\"signature; verification failed\" header.d=list.example; DKIM=Pass header.d=client.example")
			.orElseThrow();

		assertThat(results.authservId()).isEqualTo("mx.agency.example");
		assertThat(results.dkim()).isEqualTo("pass");
		assertThat(results.verdicts().get(0).properties()).containsEntry("reason", "signature; verification failed");
	}

	@Test
	void methodsTheServerDidNotCheckAreNullAndNoneMeansNoVerdicts() {
		var results = AuthenticationResults.parse("mx.agency.example; none").orElseThrow();

		assertThat(results.verdicts()).isEmpty();
		assertThat(results.spf()).isNull();
		assertThat(AuthenticationResults.parse("mx.agency.example; spf=softfail smtp.mailfrom=x.example")
			.orElseThrow()
			.dmarc()).isNull();
		assertThat(AuthenticationResults.parse("  ")).isEmpty();
	}

	@Test
	void theReceivingServerIsTheTopmostHeaderOrTheOneWithTheTrustedId() {
		var ours = "mx.agency.example; spf=fail smtp.mailfrom=client.example; dmarc=fail header.from=client.example";
		var forgedBySender = "mx.agency.example; spf=pass smtp.mailfrom=client.example; dmarc=pass header.from=client.example";
		var relay = "relay.isp.example; spf=pass smtp.mailfrom=client.example";

		assertThat(AuthenticationResults.ofReceivingServer(List.of(ours, forgedBySender), null).orElseThrow().dmarc())
			.isEqualTo("fail");
		assertThat(
				AuthenticationResults.ofReceivingServer(List.of(relay, ours), "MX.agency.example").orElseThrow().spf())
			.isEqualTo("fail");
		assertThat(AuthenticationResults.ofReceivingServer(List.of(relay), "mx.agency.example")).isEmpty();
		assertThat(AuthenticationResults.ofReceivingServer(List.of(), null)).isEmpty();
	}

}
