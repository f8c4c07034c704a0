package io.casepost.web;

import io.casepost.cases.NotFound;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What every page shares: the viewer for the navigation, and a page (not JSON) for an
 * unknown id.
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
		// an exception handler starts from an empty model
		model.addAttribute("viewer", viewer());
		model.addAttribute("status", HttpStatus.NOT_FOUND.value());
		model.addAttribute("error", HttpStatus.NOT_FOUND.getReasonPhrase());
		model.addAttribute("message", notFound.getMessage());
		return "error";
	}

}
