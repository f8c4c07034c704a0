package io.casepost.web;

import io.casepost.accounts.SignInThrottled;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.security.web.WebAttributes;

/**
 * The sign-in form; Spring Security takes the POST. After a refused sign-in it says why
 * when the reason is the throttle: how long to wait, or until when the lock holds.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		if (session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof SignInThrottled throttled) {
			model.addAttribute("throttled", throttled.getMessage());
		}
		return "login";
	}

}
