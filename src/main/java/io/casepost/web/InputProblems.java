package io.casepost.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.casepost.cases.RuleViolation;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What a caller is told about input of the wrong kind, naming its field, alike for the
 * API and the pages.
 */
final class InputProblems {

	private InputProblems() {
	}

	/** {@code limit=many}: "limit must be a whole number". */
	static String of(MethodArgumentTypeMismatchException bad) {
		return bad.getName() + " must be " + expected(bad.getRequiredType());
	}

	/**
	 * The field of a JSON body that has a value of the wrong kind, such as
	 * {@code "status": "SHUT"}, or null where the body is no JSON at all.
	 */
	static String fieldOf(HttpMessageNotReadableException unreadable) {
		for (var cause = unreadable.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
				return json.getPath()
					.stream()
					.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining("."))
					.replace(".[", "[");
			}
		}
		return null;
	}

	static String of(HttpMessageNotReadableException unreadable, String field) {
		for (var cause = unreadable.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
				return field + " must be " + expected(mismatched.getTargetType());
			}
		}
		return field + " is not of the expected kind";
	}

	/**
	 * The field of the API's update that a broken posting rule is about, or null where it
	 * is about the case.
	 */
	static String fieldOf(RuleViolation violation) {
		return FIELDS_OF_RULES.entrySet()
			.stream()
			.filter(rule -> violation.rule().startsWith(rule.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private static final Map<String, String> FIELDS_OF_RULES = Map.of("TEXT_OR_ATTACHMENT", "body", "BODY_", "body",
			"ATTACHMENT_", "files", "RECIPIENTS_", "recipientEmails", "AUTHOR_", "authorEmail");

	private static String expected(Class<?> type) {
		if (type == null) {
			return "another kind of value";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			return "a whole number";
		}
		if (type == String.class) {
			return "text";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		return "a " + type.getSimpleName();
	}

}
