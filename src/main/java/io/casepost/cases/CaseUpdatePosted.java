package io.casepost.cases;

/**
 * Published in the posting transaction; listeners run after it commits, from any posting
 * path.
 */
public record CaseUpdatePosted(long updateId, long caseId, long authorId, UpdateSource source) {
}
