package io.casepost.shared;

/**
 * Where a page of a list starts and how long it is: the items after the item with id
 * {@code after} in the list's own order (null: from the start), at most {@code size} of
 * them. Lists are read by id, so that a page costs the same however far in it is.
 */
public record PageRequest(Long after, int size) {

	public static final int MAX_SIZE = 1000;

	public PageRequest {
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException(
					"The page size (limit) must be from 1 to %d, not %d".formatted(MAX_SIZE, size));
		}
	}

	public static PageRequest first(int size) {
		return new PageRequest(null, size);
	}

	/** One row more than the page shows tells whether a next page exists. */
	public int rowsToRead() {
		return size + 1;
	}

}
