package io.casepost.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ReplyExtractorTest {

	private final ReplyExtractor extractor = new ReplyExtractor();

	private String reply(String body) {
		return extractor.fromText(body).text();
	}

	@Test
	void quotedHistoryAndItsEnglishHeaderAreRemoved() {
		ExtractedReply reply = extractor
			.fromText("Sounds good.\n\nOn Mon, Feb 1, 2016 at 4:58 AM, Ann <ann@x.org> wrote:\n> Shall we?\n");
		assertThat(reply.text()).isEqualTo("Sounds good.");
		assertThat(reply.trimmed()).contains("wrote:", "> Shall we?");
		assertThat(reply.forwardIncluded()).isFalse();
	}

	@Test
	void interleavedAnswersBetweenQuotedLinesAreKept() {
		String body = "See below.\n\n> Can you come on Monday?\n\nYes, at ten.\n\n> And bring the plans?\n\nI will.\n";
		assertThat(reply(body)).isEqualTo(body.strip());
	}

	@Test
	void inAnInterleavedReplyTheQuotedQuestionsAreDroppedAndTheAnswersKept() {
		String body = "On 12/03/2026 10:15, Dana via Casepost wrote:\n> Intro.\n>\n> Can you come on Monday?\n\nYes, at ten.\n\n"
				+ "> And bring the plans?\n\nI will.\n\n> -- \n> Posted by Dana\n";
		assertThat(reply(body)).isEqualTo("Yes, at ten.\n\nI will.");
	}

	@Test
	void thunderbirdsGermanQuoteHeaderWithoutAnAddressIsRemoved() {
		String body = "Hallo Dana,\n\ndas Protokoll kommt morgen.\n\nAm 12.03.2026 um 10:15 schrieb Dana Reyes via Casepost:\n> Hallo\n";
		assertThat(reply(body)).isEqualTo("Hallo Dana,\n\ndas Protokoll kommt morgen.");
		assertThat(reply("Am 12.03.2026 um 10:15 schrieb Dana Reyes via Casepost:\n> Hallo\n\nPasst."))
			.isEqualTo("Passt.");
	}

	@Test
	void blankLinesWrittenAsDivsHoldingABreakAreKeptInHtml() {
		String html = "<div>Hi Dana,</div><div><br></div><div>The key is with Mark.</div><div><br></div><div>Chris</div>";
		assertThat(extractor.fromHtml(html).text()).isEqualTo("Hi Dana,\n\nThe key is with Mark.\n\nChris");
		assertThat(extractor.fromHtml("<div dir=ltr>One<br>two<br><br>three<br></div>").text())
			.isEqualTo("One\ntwo\n\nthree");
	}

	@Test
	void aLineStartingOnMondayWeWentIsKept() {
		assertThat(reply("On Monday we went to the site.\nAll fine."))
			.isEqualTo("On Monday we went to the site.\nAll fine.");
	}

	@Test
	void greaterThanSignsThatArePartOfNewTextAreKept() {
		assertThat(reply("Pressure -> 3 bar\nx > y holds\n>>> see above <<<\nDone."))
			.isEqualTo("Pressure -> 3 bar\nx > y holds\n>>> see above <<<\nDone.");
	}

	@Test
	void germanQuoteHeaderWrappedOverTwoLinesIsRemoved() {
		String body = "Passt.\n\nMax Mustermann <max@example.de> schrieb am Fr., 28.\nApr. 2017 um 11:53 Uhr:\n\n> Hallo\n";
		assertThat(reply(body)).isEqualTo("Passt.");
	}

	@Test
	void frenchQuoteHeaderWrappedOverThreeLinesIsRemoved() {
		String body = "C'est super !\nLe 4 janv. 2016 19:03, \"Neil Lalonde\"\n<info@example.org>\na écrit :\n\n> Bonjour\n";
		assertThat(reply(body)).isEqualTo("C'est super !");
	}

	@Test
	void quoteHeadersInOtherLanguagesAreRemoved() {
		assertThat(reply("Da.\n\n20 окт. 2016 г. 19:37 пользователь \"Rafael\" <r@example.org> написал:\n\n> Привет"))
			.isEqualTo("Da.");
		assertThat(reply("好的\n\nJohn Doe <john@example.com> 于2021年10月27日周三 09:31写道：\n> 你好")).isEqualTo("好的");
		assertThat(reply("Tamam\n\n\"John\" <john@example.com>, 28/10/2021 12:46 tarihinde şunu yazdı:\n> Merhaba"))
			.isEqualTo("Tamam");
	}

	@Test
	void outlookHeaderBlockAndEverythingBelowIsRemoved() {
		String body = "Done.\n\n-----Ursprüngliche Nachricht-----\nVon: A <a@x.de>\nGesendet: Montag, 1. Mai 2017\nAn: B\nBetreff: X\n\nText";
		assertThat(reply(body)).isEqualTo("Done.");
		assertThat(reply("Ok\n________________________________\nFrom: A <a@x.org>\nSent: Monday\nTo: B\n\nOld"))
			.isEqualTo("Ok");
		assertThat(reply("Ok\n\nFrån: A [mailto:a@x.se]\nSkickat: den 5 juni 2017 12:22\nTill: b\nÄmne: X\n\nOld"))
			.isEqualTo("Ok");
	}

	@Test
	void newTextThatMerelyLooksLikeAHeaderIsKept() {
		String body = "Invitation:\n\nDate: Wednesday 3, October 2011\nTime: 7:00am\nAddress: 130 Fox St";
		assertThat(reply(body)).isEqualTo(body);
	}

	@Test
	void signatureBelowDashDashDelimiterIsRemoved() {
		assertThat(reply("Thanks.\n\n-- \nBob\nACME Inc.")).isEqualTo("Thanks.");
	}

	@Test
	void mobileSignaturesInSeveralLanguagesAreRemoved() {
		assertThat(reply("Yes.\n\nSent from my iPhone")).isEqualTo("Yes.");
		assertThat(reply("Ja.\n\nVon meinem Mobilgerät gesendet")).isEqualTo("Ja.");
		assertThat(reply("Oui.\n\nEnvoyé de mon iPhone")).isEqualTo("Oui.");
		assertThat(reply("Ok.\n\nGet Outlook for Android")).isEqualTo("Ok.");
	}

	@Test
	void aSentenceThatStartsLikeAMobileSignatureIsKept() {
		String body = "Here it is\n\nSent from my desk, which is much easier than my mobile phone.";
		assertThat(reply(body)).isEqualTo(body);
	}

	@Test
	void closingAfterABottomQuoteIsKeptWithoutTheQuote() {
		assertThat(reply("Test reply\n\nOn 04/19/2011 07:10 AM, Roman wrote:\n\n> Test\n\nRegards, Roman"))
			.isEqualTo("Test reply\n\nRegards, Roman");
	}

	@Test
	void bottomPostedReplyBelowTheQuoteIsKept() {
		assertThat(reply("On Mon, Aug 19, 2013 at 2:36 AM, Ann <a@x.org> wrote:\n\n> Idea?\n\nGood idea."))
			.isEqualTo("Good idea.");
	}

	@Test
	void aMessageThatIsOnlyAQuoteKeepsTheQuote() {
		assertThat(reply("> Email with only quote.")).isEqualTo("> Email with only quote.");
	}

	@Test
	void newTextAboveAForwardIsTheReplyAndTheForwardIsKeptWholeBesideIt() {
		ExtractedReply reply = extractor.fromText("FYI, see below.\n\nSent from my iPhone\n\n"
				+ "---------- Forwarded message ---------\nFrom: A <a@x.org>\nDate: Wed, Oct 27, 2021\n\nBody\n\n"
				+ "On Tue, Oct 26, 2021 at 9:00 AM B <b@x.org> wrote:\n> Earlier");
		assertThat(reply.text()).isEqualTo("FYI, see below.");
		assertThat(reply.forwarded()).startsWith("---------- Forwarded message ---------\nFrom: A <a@x.org>")
			.endsWith("wrote:\n> Earlier");
		assertThat(reply.trimmed()).isEqualTo("Sent from my iPhone");
	}

	@Test
	void forwardHeadersInOtherLanguagesAreRecognised() {
		assertThat(extractor.fromText("Zur Info\n\n-------- Weitergeleitete Nachricht --------\nBetreff: X\n\nB")
			.forwardIncluded()).isTrue();
		assertThat(extractor.fromText("Voilà\n\n> Début du message réexpédié :\n>\n> De: A <a@x.fr>").forwardIncluded())
			.isTrue();
	}

	@Test
	void aMessageThatIsOnlyAForwardKeepsTheForwardedText() {
		ExtractedReply reply = extractor.fromText(
				"---------- Forwarded message ----------\nFrom: A <a@x.org>\nSubject: Two\nlines\nTo: b@x.org\n\nThe body.");
		assertThat(reply.text()).isEqualTo("The body.");
		assertThat(reply.forwardIncluded()).isFalse();
	}

	@Test
	void gmailHtmlQuoteIsRemovedAndParagraphsBecomeText() {
		String html = "<div dir=ltr><p>Hi. I am <b>fine</b>.</p><ul><li>one</li><li>two</li></ul>"
				+ "<a href=\"https://example.org/x\">link</a></div><div class=gmail_quote>"
				+ "<div class=gmail_attr>On Thu, Jun 26, 2014 at 2:14 PM, A &lt;a@x.org&gt; wrote:<br></div>"
				+ "<blockquote class=gmail_quote>Hello! How are you?</blockquote></div>";
		ExtractedReply reply = extractor.fromHtml(html);
		assertThat(reply.text()).isEqualTo("Hi. I am fine.\n\n- one\n- two\n\nlink <https://example.org/x>");
		assertThat(reply.trimmed()).contains("How are you?");
	}

	@Test
	void outlookHtmlSeparatorCutsEverythingBelowIt() {
		String html = "<p>Fine, thanks.</p><div id=divRplyFwdMsg><b>From:</b> A<br><b>Sent:</b> Monday</div>"
				+ "<div>Old text</div>";
		assertThat(extractor.fromHtml(html).text()).isEqualTo("Fine, thanks.");
	}

	@Test
	void interleavedAnswersInAppleHtmlAreKept() {
		String html = "<div>Answers inline.</div><blockquote type=cite>Question one?</blockquote><div>Yes.</div>"
				+ "<blockquote type=cite>Question two?</blockquote><div>No.</div>";
		assertThat(extractor.fromHtml(html).text())
			.isEqualTo("Answers inline.\n> Question one?\nYes.\n> Question two?\nNo.");
	}

	@Test
	void aQuotedMessageOf767KilobytesIsExtractedInUnderASecond() {
		StringBuilder body = new StringBuilder(
				"Short answer.\n\nOn Mon, Feb 1, 2016 at 4:58 AM, Ann <a@x.org> wrote:\n");
		while (body.length() < 767 * 1024) {
			body.append(
					"> On Tue, Jan 2, 2016 at 1:00 PM, Bob <b@x.org> wrote: lorem ipsum dolor sit amet, consectetur\n");
		}
		assertThat(timed(body.toString())).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void tenThousandLinesOfNestedQuotingAreExtractedInUnderASecond() {
		StringBuilder body = new StringBuilder("Top.\n");
		for (int i = 0; i < 10_000; i++) {
			body.append(">".repeat(i % 50 + 1)).append(" line ").append(i).append('\n');
		}
		assertThat(timed(body.toString())).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void longUnquotedLinesWithoutStructureAreExtractedInUnderASecond() {
		String body = ("a@b.c 1 wrote wrote wrote " + "x".repeat(5000) + ":\n").repeat(150);
		assertThat(timed(body)).isLessThan(Duration.ofSeconds(1));
	}

	private Duration timed(String body) {
		Instant start = Instant.now();
		extractor.fromText(body);
		return Duration.between(start, Instant.now());
	}

}
