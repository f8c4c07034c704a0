package io.casepost.inbound;

import java.util.ArrayList;

/**
 * The receiving server's verdicts on a message (its {@code Authentication-Results}
 * header), as stored when the message arrived; each is null where the server gave none.
 */
public record EmailAuthentication(String authservId, String spf, String dkim, String dmarc) {

	public static final EmailAuthentication NONE = new EmailAuthentication(null, null, null, null);

	public boolean present() {
		return spf != null || dkim != null || dmarc != null;
	}

	/**
	 * E.g. {@code spf=pass dkim=pass dmarc=fail}; "not checked" where the server left
	 * none.
	 */
	public String summary() {
		var parts = new ArrayList<String>();
		add(parts, "spf", spf);
		add(parts, "dkim", dkim);
		add(parts, "dmarc", dmarc);
		return parts.isEmpty() ? "not checked" : String.join(" ", parts);
	}

	private static void add(java.util.List<String> parts, String method, String result) {
		if (result != null) {
			parts.add(method + "=" + result);
		}
	}
}
