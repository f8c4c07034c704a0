package io.casepost.web;

import java.util.stream.Collectors;

import io.casepost.cases.NotFound;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every page shares: the viewer for the navigation, and a page (not JSON) for an
 * unknown id or a request that the form could not have sent, naming its field.
 */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

	/**
	 * Read from the security context, not the database, as the API's controllers pass
	 * through here too.
	 */
	@ModelAttribute("viewer")
	Viewer viewer() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return Viewer.of(authentication);
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFound notFound, Model model) {
		return error(HttpStatus.NOT_FOUND, notFound.getMessage(), model);
	}

	/** {@code caseId=many}: which field, and what it must be. */
	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badParameter(MethodArgumentTypeMismatchException bad, Model model) {
		return error(HttpStatus.BAD_REQUEST, InputProblems.of(bad), model);
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String missingParameter(MissingServletRequestParameterException missing, Model model) {
		return error(HttpStatus.BAD_REQUEST, missing.getParameterName() + " is required", model);
	}

	/**
	 * A form field that does not fit its type, such as a checkbox sent as {@code maybe}.
	 */
	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String unbindable(BindException bad, Model model) {
		return error(HttpStatus.BAD_REQUEST,
				bad.getFieldErrors()
					.stream()
					.map(field -> field.getField() + " has a value of the wrong kind")
					.collect(Collectors.joining("; ")),
				model);
	}

	private String error(HttpStatus status, String message, Model model) {
		// an exception handler starts from an empty model
		model.addAttribute("viewer", viewer());
		model.addAttribute("status", status.value());
		model.addAttribute("error", status.getReasonPhrase());
		model.addAttribute("message", message);
		return "error";
	}

}
