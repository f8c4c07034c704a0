package io.casepost.setup;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The words seeded agencies are made of: names, matters, companies, update text and the
 * sample email and file their rows share.
 */
final class Words {

	static final String[] FIRST_NAMES = { "Dana", "Ivan", "Chris", "Maria", "Tom", "Aisha", "Kenji", "Lena", "Omar",
			"Priya", "Sam", "Nora", "Pablo", "Grace", "Felix", "Hana", "Jonas", "Zoe", "Ravi", "Ines" };

	static final String[] LAST_NAMES = { "Reyes", "Petrov", "Okafor", "Schmidt", "Nakamura", "Larsen", "Haddad",
			"Kowalski", "Moreau", "Singh", "Brennan", "Costa", "Lindqvist", "Abara", "Novak", "Ferreira" };

	static final String[] MATTERS = { "Warehouse stock loss claim", "Vehicle theft", "Water damage claim",
			"Workplace injury review", "Supplier fraud inquiry", "Fire damage assessment", "Cargo shortfall",
			"Background check", "Insurance fraud referral", "Missing shipment trace", "Property damage claim",
			"Employee misconduct inquiry", "Counterfeit goods survey", "Burglary claim", "Asset search" };

	static final String[] COMPANIES = { "Northwind Traders", "Harbor Logistics", "Alder Insurance", "Bluefin Foods",
			"Crestline Motors", "Delta Freight", "Evergreen Retail", "Foxglove Pharma", "Granite Holdings",
			"Juniper Mutual", "Keystone Storage", "Larkspur Textiles" };

	private static final String[] SENTENCES = { "Site visit done this morning; photos are in the file.",
			"The client confirmed the delivery notes for February.", "Two of the invoices do not match the ledger.",
			"Witness statement taken from the night-shift supervisor.", "Awaiting the police report number.",
			"The adjuster asked for the repair estimate by Friday.", "CCTV footage covers the loading bay only.",
			"The serial numbers match the stolen goods list.", "Please send the signed authority form.",
			"Meeting with the insurer's counsel is set for next week.",
			"The stock count shows 140 cartons short of the manifest.",
			"Bank statements received; tracing the transfers now." };

	private Words() {
	}

	static String sentences(SplittableRandom random, int count) {
		var text = new StringBuilder();
		for (var i = 0; i < count; i++) {
			text.append(i == 0 ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
		}
		return text.toString();
	}

	/** A plain reply whose outcome is named in its text. */
	static byte[] sampleEmail(String disposition) {
		return """
				From: Sample Sender <sample.sender@client.example>
				To: updates@inbound.casepost.local
				Subject: Re: a case update (sample email of the seeded demo agency)
				Message-ID: <seed-sample-%s@client.example>
				Date: Mon, 2 Feb 2026 09:30:00 +0000
				MIME-Version: 1.0
				Content-Type: text/plain; charset=utf-8

				This is the sample email that every seeded message with the outcome %s points to.
				The seed command writes rows, not mail; this stands in for the original.
				""".formatted(disposition.toLowerCase(java.util.Locale.ROOT), disposition)
			.replace("\n", "\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A one-page PDF that any reader opens. */
	static byte[] samplePdf() {
		return """
				%PDF-1.4
				1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
				2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
				3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R
				  /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >> endobj
				4 0 obj << /Length 55 >> stream
				BT /F1 14 Tf 20 70 Td (Seeded sample report) Tj ET
				endstream endobj
				trailer << /Root 1 0 R >>
				%%EOF
				""".getBytes(StandardCharsets.US_ASCII);
	}

}
