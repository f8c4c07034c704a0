package io.casepost.inbound;

/**
 * What one inbound batch did: messages fetched from the mailbox, and the outcome of each
 * message it processed; {@code fetchError} says why the mailbox could not be read (null
 * when it could).
 */
public record BatchResult(int fetched, int posted, int forwarded, int ignored, int rejected, int failed,
		String fetchError) {

	public static final BatchResult NOTHING = new BatchResult(0, 0, 0, 0, 0, 0, null);

	public BatchResult plus(BatchResult other) {
		return new BatchResult(fetched + other.fetched, posted + other.posted, forwarded + other.forwarded,
				ignored + other.ignored, rejected + other.rejected, failed + other.failed,
				fetchError != null ? fetchError : other.fetchError);
	}

	public static BatchResult fetched(int count) {
		return new BatchResult(count, 0, 0, 0, 0, 0, null);
	}

	public static BatchResult fetchFailed(String error) {
		return new BatchResult(0, 0, 0, 0, 0, 0, error);
	}

	public static BatchResult of(Disposition disposition) {
		return switch (disposition) {
			case POSTED -> new BatchResult(0, 1, 0, 0, 0, 0, null);
			case CATCH_ALL -> new BatchResult(0, 0, 1, 0, 0, 0, null);
			case IGNORED -> new BatchResult(0, 0, 0, 1, 0, 0, null);
			case REJECTED -> new BatchResult(0, 0, 0, 0, 1, 0, null);
			case FAILED -> new BatchResult(0, 0, 0, 0, 0, 1, null);
			case PENDING -> NOTHING;
		};
	}
}
