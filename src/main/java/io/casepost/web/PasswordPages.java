package io.casepost.web;

import java.util.List;
import java.util.Objects;

import io.casepost.accounts.LinkNotValid;
import io.casepost.accounts.Passwords;
import io.casepost.accounts.SetPasswordLinks;
import io.casepost.accounts.WeakPassword;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Passwords in the browser: everyone changes their own, and a new person sets theirs
 * through the emailed one-time link (no sign-in needed for that page).
 */
@Controller
class PasswordPages {

	private final Passwords passwords;

	private final SetPasswordLinks links;

	private final SignedIn signedIn;

	PasswordPages(Passwords passwords, SetPasswordLinks links, SignedIn signedIn) {
		this.passwords = passwords;
		this.links = links;
		this.signedIn = signedIn;
	}

	@GetMapping("/account/password")
	String changeForm(Model model) {
		model.addAttribute("problems", List.of());
		return "account/password";
	}

	@PostMapping("/account/password")
	String change(String currentPassword, String newPassword, String repeatPassword, Model model,
			RedirectAttributes redirect) {
		try {
			sameTwice("newPassword", newPassword, repeatPassword);
			passwords.change(signedIn.person(), currentPassword, newPassword);
		}
		catch (IllegalArgumentException refused) {
			model.addAttribute("problems", List.of(describe(refused, "newPassword")));
			return "account/password";
		}
		redirect.addFlashAttribute("flash", "Your password is changed");
		return "redirect:/account/password";
	}

	@GetMapping("/set-password/{token}")
	String setForm(@PathVariable String token, Model model, HttpServletResponse response) {
		var holder = links.holder(token);
		if (holder.isEmpty()) {
			return linkNotValid(new LinkNotValid(), model, response);
		}
		model.addAttribute("email", holder.get().email());
		model.addAttribute("token", token);
		model.addAttribute("problems", List.of());
		return "set-password";
	}

	@PostMapping("/set-password/{token}")
	String set(@PathVariable String token, String password, String repeatPassword, Model model,
			HttpServletResponse response) {
		try {
			sameTwice("password", password, repeatPassword);
			links.redeem(token, password);
		}
		catch (LinkNotValid notValid) {
			return linkNotValid(notValid, model, response);
		}
		catch (IllegalArgumentException refused) {
			model.addAttribute("email", links.holder(token).map(person -> person.email()).orElse(""));
			model.addAttribute("token", token);
			model.addAttribute("problems", List.of(describe(refused, "password")));
			return "set-password";
		}
		return "redirect:/login?passwordSet";
	}

	private static void sameTwice(String field, String password, String repeated) {
		if (!Objects.equals(password, repeated)) {
			throw new IllegalArgumentException(
					"repeatPassword differs from " + field + ": type the same new password twice");
		}
	}

	/** A weak password is named by the form's own field. */
	private static String describe(IllegalArgumentException refused, String field) {
		return refused instanceof WeakPassword weak ? field + " " + String.join("; ", weak.problems())
				: refused.getMessage();
	}

	private static String linkNotValid(LinkNotValid notValid, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.GONE.value());
		model.addAttribute("linkProblem", notValid.getMessage());
		return "set-password";
	}

}
