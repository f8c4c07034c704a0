package io.casepost.shared;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list: its items, and the id to ask for the next page after (null on the
 * last page).
 */
public record Page<T>(List<T> items, Long next) {

	/**
	 * From the rows read for {@code request} ({@link PageRequest#rowsToRead()}): a row
	 * beyond the page means there is a next one.
	 */
	public static <T> Page<T> of(List<T> rows, PageRequest request, ToLongFunction<T> id) {
		if (rows.size() <= request.size()) {
			return new Page<>(rows, null);
		}
		var items = rows.subList(0, request.size());
		return new Page<>(List.copyOf(items), id.applyAsLong(items.get(items.size() - 1)));
	}

	public <R> Page<R> map(Function<List<T>, List<R>> convert) {
		return new Page<>(convert.apply(items), next);
	}

	public boolean isEmpty() {
		return items.isEmpty();
	}

}
