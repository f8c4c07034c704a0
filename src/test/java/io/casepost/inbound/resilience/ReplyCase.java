package io.casepost.inbound.resilience;

import java.util.List;

/**
 * Realistic replies as mail clients and servers write them, one per rule of the inbound pipeline.
 * Placeholders: {from} (the recipient replying), {to} (their reply address), {inReplyTo} (the update
 * email's Message-ID), {subject}, {id} (this message's Message-ID) and {marker} (text unique to the run).
 *
 * @param posted the text the update must contain (null: not posted)
 * @param notPosted text the update must not contain: the quoted history, a signature
 */
record ReplyCase(String name, String template, String disposition, String posted, String notPosted, int attachments) {

	static final String UPDATE_TEXT = "Surveillance report attached; please confirm the dates.";

	static List<ReplyCase> all() {
		return List.of(
				posted("plain text reply with the update quoted below", """
						Content-Type: text/plain; charset=UTF-8

						{marker} The dates are right: 3 and 4 March.

						On Mon, 2 Mar 2026 at 09:12, Casepost <casepost@casepost.local> wrote:
						> %1$s
						""", "The dates are right: 3 and 4 March.", UPDATE_TEXT, 0),
				posted("Gmail HTML reply with a gmail_quote", """
						Content-Type: text/html; charset=UTF-8

						<div dir="ltr">{marker} Photos look good, thank you.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 2 Mar 2026 at 09:12, Casepost wrote:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex">%1$s</blockquote></div>
						""", "Photos look good, thank you.", UPDATE_TEXT, 0),
				posted("multipart/alternative reply", """
						Content-Type: multipart/alternative; boundary="alt"

						--alt
						Content-Type: text/plain; charset=UTF-8

						{marker} Agreed, go ahead with the second visit.

						> %1$s
						--alt
						Content-Type: text/html; charset=UTF-8

						<p>{marker} Agreed, go ahead with the second visit.</p><blockquote type="cite">%1$s</blockquote>
						--alt--
						""", "Agreed, go ahead with the second visit.", UPDATE_TEXT, 0),
				posted("Outlook reply with a From/Sent header block", """
						Content-Type: text/plain; charset=UTF-8

						{marker} Please send the invoice to accounts.

						________________________________
						From: Casepost <casepost@casepost.local>
						Sent: Monday, March 2, 2026 9:12 AM
						To: Chris Client
						Subject: {subject}

						%1$s
						""", "Please send the invoice to accounts.", "Sent: Monday", 0),
				posted("reply with a signature", """
						Content-Type: text/plain; charset=UTF-8

						{marker} Confirmed for Thursday.

						--\s
						Chris Client
						Claims Department, Acme Insurance
						""", "Confirmed for Thursday.", "Claims Department", 0),
				posted("UTF-8 quoted-printable reply", """
						Content-Type: text/plain; charset=UTF-8
						Content-Transfer-Encoding: quoted-printable

						{marker} Gr=C3=BC=C3=9Fe aus K=C3=B6ln =E2=80=93 =C3=A7a marche.
						""", "Grüße aus Köln – ça marche.", null, 0),
				posted("base64 body", """
						Content-Type: text/plain; charset=UTF-8
						Content-Transfer-Encoding: base64

						{base64:{marker} Received the report, all clear.}
						""", "Received the report, all clear.", null, 0),
				posted("windows-1252 8bit body", """
						Content-Type: text/plain; charset=windows-1252
						Content-Transfer-Encoding: 8bit

						{marker} Meeting at the caf\u00e9 at noon.
						""", "Meeting at the café at noon.", null, 0),
				posted("reply with interleaved answers", """
						Content-Type: text/plain; charset=UTF-8

						{marker} Answers below.

						> please confirm the dates.
						Both dates confirmed.
						""", "Both dates confirmed.", null, 0),
				posted("reply with a PDF attached", """
						Content-Type: multipart/mixed; boundary="mixed"

						--mixed
						Content-Type: text/plain; charset=UTF-8

						{marker} Signed form attached.
						--mixed
						Content-Type: application/pdf; name="signed-form.pdf"
						Content-Disposition: attachment; filename="signed-form.pdf"
						Content-Transfer-Encoding: base64

						%2$s
						--mixed--
						""", "Signed form attached.", null, 1),
				posted("reply with a PDF and a photo", """
						Content-Type: multipart/mixed; boundary="mixed"

						--mixed
						Content-Type: text/plain; charset=UTF-8

						{marker} Form and photo of the site.
						--mixed
						Content-Type: application/pdf; name="form.pdf"
						Content-Disposition: attachment; filename="form.pdf"
						Content-Transfer-Encoding: base64

						%2$s
						--mixed
						Content-Type: image/png; name="site.png"
						Content-Disposition: attachment; filename="site.png"
						Content-Transfer-Encoding: base64

						%3$s
						--mixed--
						""", "Form and photo of the site.", null, 2),
				posted("inline signature logo is not attached", """
						Content-Type: multipart/related; boundary="rel"

						--rel
						Content-Type: text/html; charset=UTF-8

						<p>{marker} Noted, thanks.</p><p><img src="cid:logo@acme"></p>
						--rel
						Content-Type: image/png; name="logo.png"
						Content-Disposition: inline; filename="logo.png"
						Content-ID: <logo@acme>
						Content-Transfer-Encoding: base64

						%3$s
						--rel--
						""", "Noted, thanks.", null, 0),
				posted("executable attachment is left out", """
						Content-Type: multipart/mixed; boundary="mixed"

						--mixed
						Content-Type: text/plain; charset=UTF-8

						{marker} Tool attached.
						--mixed
						Content-Type: application/octet-stream; name="tool.exe"
						Content-Disposition: attachment; filename="tool.exe"
						Content-Transfer-Encoding: base64

						%4$s
						--mixed--
						""", "Tool attached.", null, 0),
				new ReplyCase("reply to the plain address matched by In-Reply-To", """
						X-To: updates@{domain}
						Content-Type: text/plain; charset=UTF-8

						{marker} Replying from my phone.
						""", "POSTED", "Replying from my phone.", null, 0),
				new ReplyCase("sender who was not sent the update goes to the catch-all", """
						X-From: stranger@elsewhere.test
						Content-Type: text/plain; charset=UTF-8

						{marker} I am not on this case.
						""", "CATCH_ALL", null, null, 0),
				new ReplyCase("unknown reply token without references goes to the catch-all", """
						X-To: updates+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@{domain}
						X-No-References: yes
						Content-Type: text/plain; charset=UTF-8

						{marker} Which case is this?
						""", "CATCH_ALL", null, null, 0),
				ignored("out-of-office auto-reply", """
						Auto-Submitted: auto-replied
						Content-Type: text/plain; charset=UTF-8

						{marker} I am out of the office until Monday.
						"""),
				ignored("X-Autoreply vacation message", """
						X-Autoreply: yes
						Content-Type: text/plain; charset=UTF-8

						{marker} On vacation.
						"""),
				ignored("delivery failure report", """
						X-From: MAILER-DAEMON@mail.client.test
						Content-Type: multipart/report; report-type=delivery-status; boundary="rep"

						--rep
						Content-Type: text/plain

						{marker} Delivery to the following recipient failed permanently.
						--rep
						Content-Type: message/delivery-status

						Reporting-MTA: dns; mail.client.test

						Final-Recipient: rfc822; nobody@client.test
						Action: failed
						Status: 5.1.1
						--rep--
						"""),
				ignored("read receipt", """
						Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"

						--mdn
						Content-Type: text/plain

						{marker} Your message was displayed.
						--mdn
						Content-Type: message/disposition-notification

						Final-Recipient: rfc822; chris@client.test
						Disposition: manual-action/MDN-sent-manually; displayed
						--mdn--
						"""),
				ignored("mailing-list traffic", """
						List-Id: <claims.lists.client.test>
						Precedence: list
						Content-Type: text/plain; charset=UTF-8

						{marker} Weekly digest.
						"""));
	}

	static final String PDF = "JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqIDIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tpZHNbXS9Db3VudCAwPj5lbmRvYmoKdHJhaWxlcjw8L1Jvb3QgMSAwIFI+PgolJUVPRgo=";

	static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==";

	static final String EXE = "TVqQAAMAAAAEAAAA//8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFRoaXMgcHJvZ3JhbSBjYW5ub3QgYmUgcnVuIGluIERPUyBtb2RlLg==";

	private static ReplyCase posted(String name, String body, String text, String notPosted, int attachments) {
		return new ReplyCase(name, body, "POSTED", text, notPosted, attachments);
	}

	private static ReplyCase ignored(String name, String body) {
		return new ReplyCase(name, body, "IGNORED", null, null, 0);
	}

	/** The whole message for {@code target}: headers a mail client writes, then the case's own part. */
	String render(ReplyTarget target, String domain, String marker, String messageId) {
		var body = template.formatted(UPDATE_TEXT, PDF, PNG, EXE).replace("{marker}", marker)
			.replace("{subject}", "Re: " + target.subject()).replace("{domain}", domain);
		var from = target.sender();
		var to = target.replyTo();
		var references = true;
		var own = new StringBuilder();
		for (var line : body.split("\n", -1)) {
			if (line.startsWith("X-From: ")) {
				from = line.substring(8);
			}
			else if (line.startsWith("X-To: ")) {
				to = line.substring(6);
			}
			else if (line.equals("X-No-References: yes")) {
				references = false;
			}
			else {
				own.append(line).append("\r\n");
			}
		}
		var text = own.toString();
		var start = text.indexOf("{base64:");
		if (start >= 0) {
			var end = text.indexOf('}', start);
			text = text.substring(0, start) + java.util.Base64.getMimeEncoder().encodeToString(
					text.substring(start + 8, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) + text.substring(end + 1);
		}
		return "From: " + from + "\r\nTo: " + to + "\r\nSubject: Re: " + target.subject() + "\r\nMessage-ID: <" + messageId
				+ ">\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
				+ (references ? "In-Reply-To: " + target.inReplyTo() + "\r\nReferences: " + target.inReplyTo() + "\r\n" : "")
				+ "MIME-Version: 1.0\r\n" + text;
	}
}
