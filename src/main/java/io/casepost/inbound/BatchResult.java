package io.casepost.inbound;

/** What one inbound batch did: messages fetched from the mailbox, and the outcome of each message it processed. */
public record BatchResult(int fetched, int posted, int forwarded, int ignored, int rejected, int failed) {

	public static final BatchResult NOTHING = new BatchResult(0, 0, 0, 0, 0, 0);

	public BatchResult plus(BatchResult other) {
		return new BatchResult(fetched + other.fetched, posted + other.posted, forwarded + other.forwarded,
				ignored + other.ignored, rejected + other.rejected, failed + other.failed);
	}

	public static BatchResult fetched(int count) {
		return new BatchResult(count, 0, 0, 0, 0, 0);
	}

	public static BatchResult of(Disposition disposition) {
		return switch (disposition) {
			case POSTED -> new BatchResult(0, 1, 0, 0, 0, 0);
			case CATCH_ALL -> new BatchResult(0, 0, 1, 0, 0, 0);
			case IGNORED -> new BatchResult(0, 0, 0, 1, 0, 0);
			case REJECTED -> new BatchResult(0, 0, 0, 0, 1, 0);
			case FAILED -> new BatchResult(0, 0, 0, 0, 0, 1);
			case PENDING -> NOTHING;
		};
	}
}
