package io.casepost.web;

import java.util.List;
import java.util.Map;

import io.casepost.accounts.WeakPassword;
import io.casepost.cases.NotFound;
import io.casepost.cases.PersonAlreadyExists;
import io.casepost.cases.UpdateRejected;
import io.casepost.settings.InvalidSettings;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the API as JSON. Scoped by annotation alone (a base package would take in the
 * pages too) and first in line, so that the pages' own handling never answers an API
 * call.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

	@ExceptionHandler
	ResponseEntity<ApiError> rejected(UpdateRejected rejected) {
		var status = rejected.brokeOnly("CASE_EXISTS") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status)
			.body(new ApiError("The update was not posted: " + rejected.getMessage(), rejected.violations()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> invalidSettings(InvalidSettings invalid) {
		return ResponseEntity.badRequest().body(new ApiError(invalid.getMessage(), invalid.problems()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> weakPassword(WeakPassword weak) {
		return ResponseEntity.badRequest()
			.body(new ApiError("Invalid input: " + weak.getMessage(),
					weak.problems().stream().map(problem -> Map.of("field", "password", "message", problem)).toList()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> badInput(IllegalArgumentException bad) {
		return ResponseEntity.badRequest().body(new ApiError(bad.getMessage(), List.of()));
	}

	/** A query parameter of the wrong kind, such as {@code limit=many}. */
	@ExceptionHandler
	ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException bad) {
		var type = bad.getRequiredType();
		var expected = type == null ? "another kind of value"
				: type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
						: type.isPrimitive() || Number.class.isAssignableFrom(type) ? "a whole number"
								: "a " + type.getSimpleName();
		return ResponseEntity.badRequest()
			.body(new ApiError("The parameter " + bad.getName() + " must be " + expected, List.of()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException unreadable) {
		return ResponseEntity.badRequest()
			.body(new ApiError("The request body is not valid JSON of the expected shape", List.of()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> notFound(NotFound notFound) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(notFound.getMessage(), List.of()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> conflict(PersonAlreadyExists exists) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(exists.getMessage(), List.of()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> forbidden(AccessDeniedException denied) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(denied.getMessage(), List.of()));
	}

}
