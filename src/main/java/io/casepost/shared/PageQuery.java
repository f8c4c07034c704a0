package io.casepost.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A select read a page at a time in the order of an id: its conditions joined with
 * {@code and}, the page's start as one more condition on the id, and one row more than
 * the page read to know whether a next page exists. One statement, whatever the page.
 */
public final class PageQuery {

	private final String select;

	private final String id;

	private final boolean newestFirst;

	private final List<String> conditions = new ArrayList<>();

	private final Map<String, Object> params = new HashMap<>();

	/**
	 * @param select the select and its joins, without where
	 * @param id the id column the list is ordered by, such as {@code c.id}
	 * @param newestFirst descending ids, else ascending
	 */
	public PageQuery(String select, String id, boolean newestFirst) {
		this.select = select;
		this.id = id;
		this.newestFirst = newestFirst;
	}

	/** A condition with its named parameter. */
	public PageQuery where(String condition, String name, Object value) {
		params.put(name, value);
		return where(condition);
	}

	public PageQuery where(String condition) {
		conditions.add(condition);
		return this;
	}

	public <T> Page<T> read(JdbcClient jdbc, PageRequest page, RowMapper<T> rows, ToLongFunction<T> idOf) {
		var all = new ArrayList<>(conditions);
		var values = new HashMap<>(params);
		if (page.after() != null) {
			all.add(id + (newestFirst ? " < " : " > ") + ":pageAfter");
			values.put("pageAfter", page.after());
		}
		values.put("pageRows", page.rowsToRead());
		var where = all.isEmpty() ? "" : " where " + String.join(" and ", all);
		var order = " order by " + id + (newestFirst ? " desc" : "") + " limit :pageRows";
		return Page.of(jdbc.sql(select + where + order).params(values).query(rows).list(), page, idOf);
	}

}
