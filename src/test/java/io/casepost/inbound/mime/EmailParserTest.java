package io.casepost.inbound.mime;

import static io.casepost.inbound.mime.TestEmails.parse;
import static io.casepost.inbound.mime.TestEmails.utf8AsBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailParserTest {

	@TempDir
	Path dir;

	@Test
	void gmailAlternativeInsideMixedGivesBothBodiesAndTheFileWithItsRfc2231Name() throws Exception {
		var email = parse(dir, """
				MIME-Version: 1.0
				Date: Tue, 4 Mar 2025 10:15:02 +0100
				Message-ID: <CAF=abc123@mail.gmail.com>
				In-Reply-To: <case-42.7@casepost.io>
				References: <case-42.1@casepost.io>
				 <case-42.7@casepost.io>
				Subject: =?UTF-8?Q?Re=3A_R=C3=BCckfrage_zu_Ihrer_Bestellung?=
				From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen.Mueller@Example.COM>
				To: Case 42 <case+42@in.casepost.io>
				Content-Type: multipart/mixed; boundary="000000000000a1b2c3"

				--000000000000a1b2c3
				Content-Type: multipart/alternative; boundary="000000000000a1b2c2"

				--000000000000a1b2c2
				Content-Type: text/plain; charset="UTF-8"
				Content-Transfer-Encoding: quoted-printable

				Gr=C3=BC=C3=9Fe, siehe Anhang.

				--000000000000a1b2c2
				Content-Type: text/html; charset="UTF-8"
				Content-Transfer-Encoding: quoted-printable

				<div dir=3D"ltr">Gr=C3=BC=C3=9Fe, siehe Anhang.</div>

				--000000000000a1b2c2--
				--000000000000a1b2c3
				Content-Type: application/pdf; name="Rechnung_M=?UTF-8?B?w6Q=?=rz.pdf"
				Content-Disposition: attachment; filename*=UTF-8''Rechnung_M%C3%A4rz.pdf
				Content-Transfer-Encoding: base64
				X-Attachment-Id: f_lx1

				JVBERi0xLjQKJcOkw7zDtsOfCg==
				--000000000000a1b2c3--
				""");

		assertThat(email.subject()).isEqualTo("Re: Rückfrage zu Ihrer Bestellung");
		assertThat(email.from()).isEqualTo(new EmailAddress("juergen.mueller@example.com", "Jürgen Müller"));
		assertThat(email.to()).containsExactly("case+42@in.casepost.io");
		assertThat(email.messageId()).isEqualTo("CAF=abc123@mail.gmail.com");
		assertThat(email.inReplyTo()).isEqualTo("case-42.7@casepost.io");
		assertThat(email.references()).containsExactly("case-42.1@casepost.io", "case-42.7@casepost.io");
		assertThat(email.sentDate()).isEqualTo(Instant.parse("2025-03-04T09:15:02Z"));
		assertThat(email.textBody()).isEqualTo("Grüße, siehe Anhang.\r\n");
		assertThat(email.htmlBody()).contains("<div dir=\"ltr\">Grüße, siehe Anhang.</div>");
		assertThat(email.attachments()).singleElement().satisfies(pdf -> {
			assertThat(pdf.fileName()).isEqualTo("Rechnung_März.pdf");
			assertThat(pdf.declaredContentType()).isEqualTo("application/pdf");
			assertThat(pdf.inline()).isFalse();
			assertThat(pdf.index()).isZero();
		});
	}

	@Test
	void flowedTextWithDelSpComesOutWithALongLinkWhole() throws Exception {
		var email = parse(dir, """
				From: a@example.com
				Content-Type: text/plain; charset=UTF-8; format=flowed; delsp=yes

				The report is at https://files.example.com/cases/2026-0001/reports/ware\s
				house-stock-count-final.pdf and the photos are in the same folder. \s
				Call me if it does not open.

				>> The count is done: 212 units are mis\s
				>> sing.
				""");
		assertThat(email.textBody()).isEqualTo("""
				The report is at https://files.example.com/cases/2026-0001/reports/warehouse-stock-count-final.pdf \
				and the photos are in the same folder. Call me if it does not open.

				>> The count is done: 212 units are missing.
				""");
	}

	@Test
	void flowedTextWithoutDelSpKeepsTheSpaceBetweenJoinedLines() throws Exception {
		var email = parse(dir, "From: a@example.com\nContent-Type: text/plain; format=flowed\n\n"
				+ "One long sentence \nthat goes on.\n -- a stuffed line, not a signature\n-- \nDana\n");
		assertThat(email.textBody())
			.isEqualTo("One long sentence that goes on.\n-- a stuffed line, not a signature\n-- \nDana\n");
	}

	@Test
	void attachmentBytesAreReadFromTheStoredFileDecoded() throws Exception {
		var email = parse(dir, """
				From: a@example.com
				Content-Type: multipart/mixed; boundary=b

				--b
				Content-Type: text/plain

				see file
				--b
				Content-Type: application/octet-stream; name=data.bin
				Content-Transfer-Encoding: base64

				AAECAwQ=
				--b--
				""");

		var attachment = email.attachments().get(0);
		try (var in = attachment.open()) {
			assertThat(in.readAllBytes()).containsExactly(0, 1, 2, 3, 4);
		}
		assertThat(attachment.size()).isEqualTo(5);
		assertThat(attachment.open().readAllBytes()).hasSize(5);
	}

	@Test
	void outlookSignatureLogoReferencedByCidIsInlineAndNotTheBody() throws Exception {
		var email = parse(dir, """
				From: "Smith, Anna" <anna.smith@contoso.com>
				To: "case+7@in.casepost.io" <case+7@in.casepost.io>
				Subject: RE: Heating repair
				Thread-Topic: Heating repair
				X-Auto-Response-Suppress: All
				Content-Type: multipart/related;
					boundary="_004_DB9PR01MB_";
					type="multipart/alternative"
				MIME-Version: 1.0

				--_004_DB9PR01MB_
				Content-Type: multipart/alternative;
					boundary="_000_DB9PR01MB_"

				--_000_DB9PR01MB_
				Content-Type: text/plain; charset="us-ascii"
				Content-Transfer-Encoding: quoted-printable

				Thanks, Monday works.

				Anna Smith
				[cid:image001.png@01DA1234.56789AB0]

				--_000_DB9PR01MB_
				Content-Type: text/html; charset="us-ascii"
				Content-Transfer-Encoding: quoted-printable

				<html><body><p>Thanks, Monday works.</p><img src=3D"cid:image001.png@01DA1234.56789AB0"></body></html>

				--_000_DB9PR01MB_--

				--_004_DB9PR01MB_
				Content-Type: image/png; name="image001.png"
				Content-Description: image001.png
				Content-Disposition: attachment; filename="image001.png"; size=4
				Content-ID: <image001.png@01DA1234.56789AB0>
				Content-Transfer-Encoding: base64

				iVBORw0KGgo=

				--_004_DB9PR01MB_--
				""");

		assertThat(email.textBody()).startsWith("Thanks, Monday works.");
		assertThat(email.attachments()).singleElement().satisfies(logo -> {
			assertThat(logo.inline()).as("referenced by cid: inline whatever its disposition says").isTrue();
			assertThat(logo.contentId()).isEqualTo("image001.png@01DA1234.56789AB0");
		});
	}

	@Test
	void appleMailTextSplitAroundAnImageIsAppendedToTheBody() throws Exception {
		var email = parse(dir, """
				From: Chris <chris@icloud.com>
				Content-Type: multipart/alternative; boundary="Apple-Mail=_A1"
				Mime-Version: 1.0 (Mac OS X Mail 16.0)

				--Apple-Mail=_A1
				Content-Transfer-Encoding: 7bit
				Content-Type: text/plain; charset=us-ascii

				Before the photo.
				--Apple-Mail=_A1
				Content-Type: multipart/mixed; boundary="Apple-Mail=_B2"

				--Apple-Mail=_B2
				Content-Transfer-Encoding: 7bit
				Content-Type: text/html; charset=us-ascii

				<html><body>Before the photo.
				--Apple-Mail=_B2
				Content-Disposition: inline; filename=IMG_0042.jpg
				Content-Type: image/jpeg; name="IMG_0042.jpg"
				Content-Transfer-Encoding: base64

				/9j/4AAQSkZJRg==
				--Apple-Mail=_B2
				Content-Transfer-Encoding: 7bit
				Content-Type: text/html; charset=us-ascii

				After the photo.</body></html>
				--Apple-Mail=_B2
				Content-Disposition: inline; filename=Quote.pdf
				Content-Type: application/pdf; name="Quote.pdf"
				Content-Transfer-Encoding: base64

				JVBERi0xLjQK
				--Apple-Mail=_B2
				Content-Type: text/plain; charset=us-ascii

				After the photo.
				--Apple-Mail=_B2--
				--Apple-Mail=_A1--
				""");

		assertThat(email.htmlBody()).isEqualTo("<html><body>Before the photo.After the photo.</body></html>");
		assertThat(email.textBody()).isEqualTo("Before the photo.\nAfter the photo.");
		assertThat(email.attachments()).extracting(ParsedAttachment::fileName, ParsedAttachment::inline)
			.as("an inline image is inline; Apple Mail marks every file inline, so a PDF still counts as attached")
			.containsExactly(tuple("IMG_0042.jpg", true), tuple("Quote.pdf", false));
	}

	@Test
	void encodedWordsAreDecodedEvenWhenAMultiByteCharacterIsSplitAcrossWords() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Subject: =?UTF-8?B?w7w=?= =?UTF-8?B?w7w=?= and =?utf-8?B?4oI=?=
				 =?utf-8?B?rA==?= and =?iso-8859-1?q?caf=E9?= and =?x-unknown?Q?plain?=

				body
				""");

		assertThat(email.subject()).isEqualTo("üü and € and café and plain");
	}

	@Test
	void iso2022jpBodyIsDecoded() throws Exception {
		var japanese = new String("こんにちは".getBytes("ISO-2022-JP"), StandardCharsets.ISO_8859_1);
		var email = parse(dir, """
				From: taro@example.jp
				Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=
				Content-Type: text/plain; charset=ISO-2022-JP
				Content-Transfer-Encoding: 7bit

				%s
				""".formatted(japanese));

		assertThat(email.subject()).isEqualTo("こんにちは");
		assertThat(email.textBody()).isEqualTo("こんにちは\r\n");
	}

	@Test
	void windows1252BodyIsDecodedIncludingItsSmartQuotesAndEuro() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Content-Type: text/plain; charset=windows-1252
				Content-Transfer-Encoding: 8bit

				\u0093Caf\u00e9\u0094 costs 5 \u0080
				""");

		assertThat(email.textBody()).isEqualTo("“Café” costs 5 €\r\n");
	}

	@Test
	void bogusOrMissingCharsetFallsBackToUtf8WhenValidElseWindows1252() throws Exception {
		var utf8 = parse(dir, """
				From: x@example.com
				Content-Type: text/plain; charset="bogus-charset-9"

				%s
				""".formatted(utf8AsBytes("naïve €")));
		var latin = parse(dir, """
				From: x@example.com
				Content-Type: text/plain

				na\u00efve
				""");

		assertThat(utf8.textBody()).isEqualTo("naïve €\r\n");
		assertThat(latin.textBody()).isEqualTo("naïve\r\n");
	}

	@Test
	void missingEndBoundaryStillGivesEveryPart() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Content-Type: multipart/mixed; boundary=XYZ

				--XYZ
				Content-Type: text/plain

				The text
				--XYZ
				Content-Type: text/csv; name=list.csv

				a,b
				""");

		assertThat(email.textBody()).isEqualTo("The text");
		assertThat(email.attachments()).extracting(ParsedAttachment::fileName).containsExactly("list.csv");
	}

	@Test
	void base64WithGarbageDecodesWhatItCanInsteadOfFailing() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Content-Type: text/plain; charset=utf-8
				Content-Transfer-Encoding: base64

				SGVsbG8g!!d29y~bGQ=
				*** garbage ***
				""");

		assertThat(email.textBody()).startsWith("Hello world");
	}

	@Test
	void malformedQuotedPrintableKeepsTheLiteralText() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Content-Transfer-Encoding: quoted-printable

				50%=ZZ off =3D deal=
				 today
				""");

		assertThat(email.textBody()).isEqualTo("50%=ZZ off = deal today\r\n");
	}

	@Test
	void attachedMessageIsAnAttachmentNamedAfterItsSubjectAndItsBodyIsNotOurs() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Content-Type: multipart/mixed; boundary=outer

				--outer
				Content-Type: text/plain

				Forwarding the original.
				--outer
				Content-Type: message/rfc822

				From: someone@example.org
				Subject: =?UTF-8?Q?Original_r=C3=A9quest?=
				Content-Type: text/plain

				Inner body that must not become ours.
				--outer--
				""");

		assertThat(email.textBody()).isEqualTo("Forwarding the original.");
		assertThat(email.attachments()).singleElement().satisfies(attached -> {
			assertThat(attached.fileName()).isEqualTo("Original réquest.eml");
			assertThat(attached.declaredContentType()).isEqualTo("message/rfc822");
			assertThat(new String(attached.open().readAllBytes(), StandardCharsets.US_ASCII)).contains("Inner body");
		});
	}

	@Test
	void textWithAFileNameIsAnAttachmentAndUnnamedFilesGetAFallbackName() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				Content-Type: multipart/mixed; boundary=b

				--b
				Content-Type: text/plain

				body
				--b
				Content-Type: text/plain
				Content-Disposition: attachment; filename="../../etc/notes.txt"

				notes
				--b
				Content-Type: image/png
				Content-Disposition: attachment

				iVBORw0KGgo=
				--b
				Content-Type: text/calendar; method=REQUEST

				BEGIN:VCALENDAR
				--b--
				""");

		assertThat(email.textBody()).isEqualTo("body");
		assertThat(email.attachments()).extracting(ParsedAttachment::fileName)
			.containsExactly("notes.txt", "attachment-2.png", "attachment-3.ics");
	}

	@Test
	void addressHeadersAreLowerCasedAndListed() throws Exception {
		var email = parse(dir, """
				Delivered-To: Case+42@In.Casepost.io
				Delivered-To: support@example.com
				X-Original-To: Support@Example.com
				From: "Last, First" <First.Last@Example.com>
				Reply-To: =?UTF-8?Q?B=C3=BCro?= <Office@Example.com>, other@example.com
				To: undisclosed-recipients:;
				Cc: "A" <A@x.org>, broken@@address, b@y.org

				body
				""");

		assertThat(email.from()).isEqualTo(new EmailAddress("first.last@example.com", "Last, First"));
		assertThat(email.replyTo()).containsExactly("office@example.com", "other@example.com");
		assertThat(email.to()).isEmpty();
		assertThat(email.cc()).contains("a@x.org", "b@y.org");
		assertThat(email.deliveredTo()).containsExactly("case+42@in.casepost.io", "support@example.com");
		assertThat(email.xOriginalTo()).containsExactly("support@example.com");
	}

	@Test
	void missingHeadersGiveNullsAndEmptyListsNotErrors() throws Exception {
		var email = parse(dir, "\njust a body, no headers at all\n");

		assertThat(email.from()).isNull();
		assertThat(email.messageId()).isNull();
		assertThat(email.subject()).isNull();
		assertThat(email.sentDate()).isNull();
		assertThat(email.to()).isEmpty();
		assertThat(email.references()).isEmpty();
		assertThat(email.header("X-Anything")).isNull();
		assertThat(email.contentType()).isEqualTo("text/plain");
		assertThat(email.textBody()).isEqualTo("just a body, no headers at all\r\n");
	}

	@Test
	void anyHeaderIsReadableByNameDecodedAndCaseInsensitive() throws Exception {
		var email = parse(dir, """
				From: x@example.com
				X-Custom: =?UTF-8?B?R3LDvMOfZQ==?=
				Received: from a
				Received: from b
				Date: not a date

				body
				""");

		assertThat(email.header("x-custom")).isEqualTo("Grüße");
		assertThat(email.headers("RECEIVED")).containsExactly("from a", "from b");
		assertThat(email.sentDate()).isNull();
	}

	@Test
	void eightBitUtf8HeadersAreReadAsUtf8() throws Exception {
		var email = parse(dir, """
				From: %s <jose@example.es>
				Subject: %s

				body
				""".formatted(utf8AsBytes("José"), utf8AsBytes("Señal ✓")));

		assertThat(email.subject()).isEqualTo("Señal ✓");
		assertThat(email.from().displayName()).isEqualTo("José");
	}

	@Test
	void eightBitUtf8AddressesAreReadAsUtf8AndTheHeadersAloneGiveTheSameSender() throws Exception {
		var file = TestEmails.store(dir, """
				From: Chris <%s>
				Subject: hi

				body
				""".formatted(utf8AsBytes("chris@clñent.example")));

		assertThat(new EmailParser().parse(file).from().address()).isEqualTo("chris@clñent.example");
		assertThat(new EmailParser().headers(file).from().address()).isEqualTo("chris@clñent.example");
	}

	@Test
	void theEnvelopeListsThePartsWithoutReadingThem() throws Exception {
		var file = TestEmails.store(dir, """
				From: x@example.com
				Content-Type: multipart/mixed; boundary=b

				--b
				Content-Type: text/plain

				The text
				--b
				Content-Type: message/delivery-status

				Status: 5.1.1
				--b--
				""");

		var envelope = new EmailParser().envelope(file);

		assertThat(envelope.textBody()).isNull();
		assertThat(envelope.attachments()).singleElement().satisfies(part -> {
			assertThat(part.declaredContentType()).isEqualTo("message/delivery-status");
			assertThat(part.content()).isNull();
		});
	}

	@Test
	void deliveryReportIsRecognisedByItsTopContentType() throws Exception {
		var email = parse(dir, """
				From: MAILER-DAEMON@mx.example.com
				Content-Type: multipart/report; report-type=delivery-status; boundary=r

				--r
				Content-Type: text/plain

				Delivery failed.
				--r
				Content-Type: message/delivery-status

				Final-Recipient: rfc822; gone@example.com
				Action: failed
				Status: 5.1.1
				--r--
				""");

		assertThat(email.isReport()).isTrue();
		assertThat(email.reportType()).isEqualTo("delivery-status");
	}

	@Test
	void notAnEmailAtAllStillParses() throws Exception {
		var email = new EmailParser()
			.parse(TestEmails.storeBytes(dir, new byte[] { 0, 1, 2, (byte) 0xFF, '\n', '\n', 'x' }));

		assertThat(email.from()).isNull();
	}

	@Test
	void aMissingFileIsUnreadableWithAReason() {
		var missing = dir.resolve("nope.eml");

		assertThatThrownBy(() -> new EmailParser().parse(missing)).isInstanceOf(UnreadableEmailException.class)
			.hasMessageStartingWith("malformed MIME: ");
	}

	@Test
	void attachmentsOpenAgainAndAgainWithoutHoldingTheFile() throws IOException, UnreadableEmailException {
		var email = parse(dir, """
				From: x@example.com
				Content-Type: multipart/mixed; boundary=b

				--b
				Content-Type: application/pdf; name=a.pdf

				%PDF-1.4
				--b--
				""");

		for (int i = 0; i < 50; i++) {
			assertThat(email.attachments().get(0).size()).isEqualTo(8);
		}
	}

}
