package io.casepost.web;

import io.casepost.shared.Page;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links between the pages of a list: the same request with {@code after} set to where the
 * next page starts, or taken off for the first page. Relative, so that they hold behind a
 * proxy.
 */
record PageLinks(String next, String first) {

	static PageLinks of(HttpServletRequest request, Page<?> page) {
		var here = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
		var next = page.next() == null ? null : here.cloneBuilder().replaceQueryParam("after", page.next()).build();
		var first = request.getParameter("after") == null ? null
				: here.cloneBuilder().replaceQueryParam("after").build();
		return new PageLinks(next == null ? null : next.toUriString(), first == null ? null : first.toUriString());
	}

	/**
	 * The API answers a page as the plain list and names the next page in an RFC 8288
	 * {@code Link} header.
	 */
	static HttpHeaders header(HttpServletRequest request, Page<?> page) {
		var headers = new HttpHeaders();
		var links = of(request, page);
		if (links.next() != null) {
			headers.add(HttpHeaders.LINK, "<" + links.next() + ">; rel=\"next\"");
		}
		return headers;
	}

}
