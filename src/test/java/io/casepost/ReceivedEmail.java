package io.casepost;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * An email as its recipient's mail client shows it: the plain text, the files attached,
 * and the links back to the case and to each file.
 */
public record ReceivedEmail(String text, Map<String, byte[]> attachments) {

	private static final Pattern FILE_LINE = Pattern.compile("(?m)^- (.+ \\(.+\\)): (\\S+)$");

	private static final Pattern CASE_LINK = Pattern.compile("(?m)^On the case page: (\\S+)$");

	public static ReceivedEmail of(Part email) {
		try {
			return new ReceivedEmail(plainText(email).replace("\r\n", "\n"), attachments(email));
		}
		catch (MessagingException | IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Each file's line without its link: name (size...). */
	public List<String> fileLines() {
		return FILE_LINE.matcher(text).results().map(line -> line.group(1)).toList();
	}

	public String fileLink(String name) {
		return FILE_LINE.matcher(text)
			.results()
			.filter(line -> line.group(1).startsWith(name + " ("))
			.map(line -> line.group(2))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No link to " + name + " in: " + text));
	}

	public String caseLink() {
		var link = CASE_LINK.matcher(text);
		if (!link.find()) {
			throw new AssertionError("No link to the case in: " + text);
		}
		return link.group(1);
	}

	/** The first text/plain part that is not a file. */
	public static String plainText(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				var text = plainText(multipart.getBodyPart(i));
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	private static Map<String, byte[]> attachments(Part part) throws MessagingException, IOException {
		var found = new LinkedHashMap<String, byte[]>();
		if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			found.put(part.getFileName(), part.getInputStream().readAllBytes());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				found.putAll(attachments(multipart.getBodyPart(i)));
			}
		}
		return found;
	}

}
