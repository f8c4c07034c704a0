package io.casepost.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.casepost.accounts.WeakPassword;
import io.casepost.cases.NotFound;
import io.casepost.cases.PersonAlreadyExists;
import io.casepost.cases.RuleViolation;
import io.casepost.cases.UpdateRejected;
import io.casepost.settings.InvalidSettings;
import io.casepost.shared.InvalidInput;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

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
			.body(new ApiError("The update was not posted: " + rejected.getMessage(),
					rejected.violations().stream().map(ApiErrors::detail).toList()));
	}

	/** A broken rule with the field of the update it is about, where there is one. */
	private static Map<String, String> detail(RuleViolation violation) {
		var detail = new LinkedHashMap<String, String>();
		detail.put("rule", violation.rule());
		var field = InputProblems.fieldOf(violation);
		if (field != null) {
			detail.put("field", field);
		}
		detail.put("message", violation.message());
		return detail;
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
	ResponseEntity<ApiError> invalidInput(InvalidInput invalid) {
		return ResponseEntity.badRequest()
			.body(new ApiError(invalid.getMessage(),
					List.of(Map.of("field", invalid.field(), "message", invalid.getMessage()))));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> badInput(IllegalArgumentException bad) {
		return ResponseEntity.badRequest().body(new ApiError(bad.getMessage(), List.of()));
	}

	/** A query parameter of the wrong kind, such as {@code limit=many}. */
	@ExceptionHandler
	ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException bad) {
		return ResponseEntity.badRequest().body(new ApiError("The parameter " + InputProblems.of(bad), List.of()));
	}

	/** Not JSON at all, or a field of the wrong kind, which is named. */
	@ExceptionHandler
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException unreadable) {
		var field = InputProblems.fieldOf(unreadable);
		if (field == null) {
			return ResponseEntity.badRequest()
				.body(new ApiError("The request body is not valid JSON of the expected shape", List.of()));
		}
		var problem = InputProblems.of(unreadable, field);
		return ResponseEntity.badRequest()
			.body(new ApiError(problem, List.of(Map.of("field", field, "message", problem))));
	}

	/**
	 * A missing parameter or part, a body of a type the call does not take, a file over
	 * the size limit: Spring's own status and words, which name what is wrong.
	 */
	@ExceptionHandler({ ServletRequestBindingException.class, MissingServletRequestPartException.class,
			HttpMediaTypeException.class, MaxUploadSizeExceededException.class })
	ResponseEntity<ApiError> requestProblem(Exception problem) {
		var answer = (ErrorResponse) problem;
		return ResponseEntity.status(answer.getStatusCode())
			.body(new ApiError(answer.getBody().getDetail(), List.of()));
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
