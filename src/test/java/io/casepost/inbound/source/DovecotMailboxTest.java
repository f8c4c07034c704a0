package io.casepost.inbound.source;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.casepost.TestEnvironment;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.resilience.DovecotEnvironment;
import io.casepost.inbound.resilience.RealMailServers;
import io.casepost.inbound.resilience.ServerMailbox;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What talking to a real IMAP server takes, against Dovecot: TLS and STARTTLS with a
 * self-signed certificate trusted by setting, MOVE and the copy+expunge fallback, a
 * keyword instead of a move, a UIDVALIDITY change, and a large mailbox fetched in chunks.
 * Each test reads a folder of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { TestEnvironment.class, DovecotEnvironment.class })
class DovecotMailboxTest {

	@Autowired
	Inbox inbox;

	@Autowired
	JdbcClient jdbc;

	RealMailServers servers;

	ServerMailbox mailbox;

	String folder;

	String processed;

	@BeforeEach
	void ownFolders() {
		servers = RealMailServers.required();
		mailbox = servers.mailbox();
		var run = UUID.randomUUID().toString().substring(0, 8);
		folder = "Test-" + run;
		processed = "Done-" + run;
	}

	@Test
	void imapsWithTheServersCertificateTrustedFetchesAndMovesEveryMessage() throws Exception {
		mailbox.append(folder, messages("imaps", 3));

		var stored = source("tls", servers.imapsPort(), servers.certificate(), "move", 100).fetch(() -> true, () -> {
		});

		assertThat(stored).isEqualTo(3);
		assertThat(mailbox.count(folder)).isZero();
		assertThat(mailbox.messageIds(processed)).containsExactlyInAnyOrder(ids("imaps", 3));
	}

	@Test
	void starttlsWithTheServersCertificateTrustedFetchesEveryMessage() throws Exception {
		mailbox.append(folder, messages("starttls", 2));

		assertThat(source("starttls", servers.imapPort(), servers.certificate(), "move", 100).fetch(() -> true, () -> {
		})).isEqualTo(2);
		assertThat(mailbox.messageIds(processed)).containsExactlyInAnyOrder(ids("starttls", 2));
	}

	@Test
	void aSelfSignedCertificateThatIsNotTrustedIsRefusedAndNothingIsTaken() {
		mailbox.append(folder, messages("untrusted", 1));

		assertThatThrownBy(() -> source("tls", servers.imapsPort(), "", "move", 100).fetch(() -> true, () -> {
		})).isInstanceOf(MessagingException.class).hasStackTraceContaining("PKIX");
		assertThat(mailbox.count(folder)).isEqualTo(1);
	}

	@Test
	void copyModeCopiesThenExpungesByUidThoughTheServerCouldMove() throws Exception {
		mailbox.append(folder, messages("copy", 4));

		assertThat(source("starttls", servers.imapPort(), servers.certificate(), "copy", 100).fetch(() -> true, () -> {
		})).isEqualTo(4);

		assertThat(mailbox.count(folder)).isZero();
		assertThat(mailbox.messageIds(processed)).containsExactlyInAnyOrder(ids("copy", 4));
	}

	@Test
	void flagModeLeavesMessagesInPlaceWithAKeywordAndDoesNotTakeThemTwice() throws Exception {
		mailbox.append(folder, messages("flag", 3));
		var source = source("starttls", servers.imapPort(), servers.certificate(), "flag", 100);

		assertThat(source.fetch(() -> true, () -> {
		})).isEqualTo(3);
		assertThat(source.fetch(() -> true, () -> {
		})).isZero();
		assertThat(mailbox.count(folder)).isEqualTo(3);
		assertThat(mailbox.countUnflagged(folder, ImapSource.PROCESSED_KEYWORD)).isZero();
	}

	@Test
	void afterAUidValidityChangeTheSameMessagesAreStoredAgainAndRecognisedAsSecondDeliveries() throws Exception {
		mailbox.append(folder, messages("uidvalidity", 2));
		var source = source("starttls", servers.imapPort(), servers.certificate(), "flag", 100);
		assertThat(source.fetch(() -> true, () -> {
		})).isEqualTo(2);
		var before = mailbox.uidValidity(folder);

		// the folder is rebuilt (restored from a backup, migrated): same messages, new
		// UIDVALIDITY, no keywords
		mailbox.clear(folder);
		mailbox.append(folder, messages("uidvalidity", 2));
		assertThat(mailbox.uidValidity(folder)).isNotEqualTo(before);

		assertThat(source.fetch(() -> true, () -> {
		})).as("new UIDs under a new UIDVALIDITY are new references").isEqualTo(2);
		var rows = jdbc.sql("select id, raw_sha256 from inbound_message where message_id like ? order by id")
			.param("uidvalidity-%." + folder + "@client.test")
			.query((rs, row) -> rs.getLong(1) + " " + rs.getString(2))
			.list();
		assertThat(rows).hasSize(4);
		assertThat(rows.get(0).split(" ")[1]).as("same bytes").isEqualTo(rows.get(2).split(" ")[1]);
		// the pipeline's fingerprints (identical bytes) then settle the second copies as
		// duplicates, never posting twice
		var firstId = Long.parseLong(rows.get(0).split(" ")[0]);
		var secondId = Long.parseLong(rows.get(2).split(" ")[0]);
		assertThat(inbox.claimFingerprints(firstId, List.of("sha256:" + rows.get(0).split(" ")[1]))).isEmpty();
		assertThat(inbox.claimFingerprints(secondId, List.of("sha256:" + rows.get(2).split(" ")[1]))).contains(firstId);
	}

	@Test
	void aLargeMailboxIsFetchedInChunksOfTheConfiguredSize() throws Exception {
		mailbox.append(folder, messages("bulk", 230));
		var chunks = new AtomicInteger();

		var stored = source("starttls", servers.imapPort(), servers.certificate(), "move", 50).fetch(() -> true,
				chunks::incrementAndGet);

		assertThat(stored).isEqualTo(230);
		assertThat(chunks).hasValue(5);
		assertThat(mailbox.count(folder)).isZero();
		assertThat(mailbox.count(processed)).isEqualTo(230);
	}

	@Test
	void aBatchThatLosesItsLeaseStopsBetweenChunksAndLeavesTheRestOnTheServer() throws Exception {
		mailbox.append(folder, messages("lease", 30));
		var chunks = new AtomicInteger();

		var stored = source("starttls", servers.imapPort(), servers.certificate(), "move", 10)
			.fetch(() -> chunks.incrementAndGet() <= 2, () -> {
			});

		assertThat(stored).isEqualTo(20);
		assertThat(mailbox.count(folder)).isEqualTo(10);
		assertThat(mailbox.count(processed)).isEqualTo(20);
	}

	@AfterEach
	void removeOwnFolders() {
		if (mailbox != null) {
			mailbox.clear(folder);
			mailbox.clear(processed);
		}
	}

	private ImapSource source(String security, int port, String certificate, String markProcessed, int chunkSize) {
		return new ImapSource(
				new ImapSettings(servers.host(), port, security, certificate, servers.username(), servers.password(),
						folder, processed, markProcessed, chunkSize),
				inbox, io.casepost.mail.MailLogin.withPasswords());
	}

	private String[] ids(String kind, int count) {
		var ids = new ArrayList<String>();
		for (var i = 0; i < count; i++) {
			ids.add(kind + "-" + i + "." + folder + "@client.test");
		}
		return ids.toArray(String[]::new);
	}

	private Message[] messages(String kind, int count) {
		var ids = ids(kind, count);
		var messages = new Message[count];
		for (var i = 0; i < count; i++) {
			var raw = "From: chris@client.test\r\nTo: updates@" + servers.domain() + "\r\nSubject: " + kind + " " + i
					+ "\r\nMessage-ID: <" + ids[i]
					+ ">\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
					+ "Content-Type: text/plain; charset=UTF-8\r\n\r\nMessage " + i + " of " + kind + ".\r\n";
			try {
				messages[i] = new MimeMessage(Session.getInstance(new Properties()),
						new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
		}
		return messages;
	}

}
