package io.casepost.inbound;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.EmailedReplies.File;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies over SMTP and IMAP, as the signature logo and the pasted screenshot of real
 * mail clients arrive.
 */
@CasepostTest
class AttachmentHygieneTest {

	@Autowired
	Environment environment;

	@AfterEach
	void repliesOff() {
		EmailedReplies.of(environment).repliesOff();
	}

	@Test
	void aLogoSentInThreeRepliesIsAttachedOnceAndAnImageShownInTheBodyIsNeverAttached() throws IOException {
		var replies = EmailedReplies.of(environment);
		var caseFile = replies.admin().openCase();
		var logo = File.attached("image001.png", "image/png", png(3));
		var screenshot = File.shownInBody("screenshot.png", "image/png", png(7), "shot-1@client.example");
		var update = replies.updateToClient(caseFile, "Send me what you have.");

		replies.reply(caseFile.clientEmail(), update, "First part.",
				"<p>First part.</p><img src=\"cid:shot-1@client.example\">", List.of(), logo, screenshot);
		replies.reply(caseFile.clientEmail(), update, "Second part.", List.of(), logo);
		replies.reply(caseFile.clientEmail(), update, "Third part.", List.of(), logo);
		var batch = replies.runBatch();

		assertThat(batch.get("posted")).isEqualTo(3);
		var emailed = replies.admin()
			.get(caseFile.updatesPath())
			.ok(200)
			.jsonList()
			.stream()
			.filter(posted -> "EMAIL".equals(posted.get("source")))
			.toList();
		// workers decide replies at once, so which of the three came first is not fixed
		assertThat(emailed).extracting(posted -> posted.get("body"))
			.containsExactlyInAnyOrder("First part.", "Second part.", "Third part.");
		assertThat(emailed).as("updates %s", emailed)
			.flatExtracting(AttachmentHygieneTest::fileNames)
			.containsExactly("image001.png");
		assertThat(emailed).filteredOn(posted -> fileNames(posted).isEmpty())
			.hasSize(2)
			.allSatisfy(later -> assertThat((String) later.get("note"))
				.contains("image001.png (already attached to this case)"));
		assertThat(emailed)
			.allSatisfy(posted -> assertThat(String.valueOf(posted.get("note"))).doesNotContain("screenshot.png"));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> fileNames(Map<String, Object> update) {
		return ((List<Map<String, Object>>) update.get("attachments")).stream()
			.map(file -> file.get("filename"))
			.toList();
	}

	/** A real PNG, its bytes differing by size. */
	private static byte[] png(int size) throws IOException {
		var out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}

}
