package io.casepost.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security takes the POST. */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "login";
	}

}
