package io.casepost.cases;

/**
 * Published in the posting transaction; listeners run after it commits, from any posting
 * path.
 *
 * @param recipients how many people the update is emailed to; null in an event stored
 * before the count was carried, and then taken as some
 */
public record CaseUpdatePosted(long updateId, long caseId, long authorId, UpdateSource source, Integer recipients) {

	/**
	 * Whether the update goes out by email: a reply posted by email goes to nobody, and a
	 * listener that sends the update listens on this condition, so it is then neither
	 * recorded nor run.
	 */
	public boolean emailed() {
		return recipients == null || recipients > 0;
	}

}
