package io.casepost.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.casepost.shared.ControlCharacters;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The input policy where text comes in over HTTP: every string of a JSON body, and every
 * form field and request parameter (multipart ones too), is cleaned by
 * {@link ControlCharacters#strip} before any controller sees it (no NUL, other controls
 * or lone surrogates), so that what reaches a service, a query or the database is the
 * same on H2 and PostgreSQL. Names are cleaned further by the services that store them,
 * whatever their path.
 */
@Component
class TextInput extends OncePerRequestFilter {

	@Bean
	static JacksonModule cleanJsonText() {
		return new SimpleModule("casepost-clean-text").addDeserializer(String.class, new CleanJsonText());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new CleanParameters(request), response);
	}

	private static final class CleanParameters extends HttpServletRequestWrapper {

		CleanParameters(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getParameter(String name) {
			return ControlCharacters.strip(super.getParameter(name));
		}

		@Override
		public String[] getParameterValues(String name) {
			return cleaned(super.getParameterValues(name));
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			var cleaned = new LinkedHashMap<String, String[]>();
			super.getParameterMap().forEach((name, values) -> cleaned.put(name, cleaned(values)));
			return cleaned;
		}

		private static String[] cleaned(String[] values) {
			return values == null ? null : Arrays.stream(values).map(ControlCharacters::strip).toArray(String[]::new);
		}

	}

	private static final class CleanJsonText extends StdScalarDeserializer<String> {

		CleanJsonText() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			return ControlCharacters.strip(StringDeserializer.instance.deserialize(parser, context));
		}

	}

}
