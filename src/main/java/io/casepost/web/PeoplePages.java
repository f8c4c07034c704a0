package io.casepost.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.casepost.accounts.Accounts;
import io.casepost.accounts.SignInThrottle;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.PersonAlreadyExists;
import io.casepost.cases.Role;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The People tab (admins only, by the security chain): everyone in the agency, adding
 * someone, and a person's page with their details, role, sign-in and addresses.
 */
@Controller
@RequestMapping("/people")
class PeoplePages {

	private final People people;

	private final Accounts accounts;

	private final SignedIn signedIn;

	private final SignInThrottle throttle;

	PeoplePages(People people, Accounts accounts, SignedIn signedIn, SignInThrottle throttle) {
		this.people = people;
		this.accounts = accounts;
		this.signedIn = signedIn;
		this.throttle = throttle;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, Model model) {
		return list(q, new PersonForm("", "", Role.CLIENT.name()), List.of(), model);
	}

	@PostMapping
	String add(PersonForm form, Model model, RedirectAttributes redirect) {
		try {
			var added = accounts.enrol(signedIn.person(), form.name(), form.email(), form.role(), null);
			redirect.addFlashAttribute("flash",
					added.name() + " added; a link to set a password is on its way to " + added.email());
			return "redirect:/people/" + added.id();
		}
		catch (IllegalArgumentException | PersonAlreadyExists refused) {
			return list(null, form, List.of(refused.getMessage()), model);
		}
	}

	@GetMapping("/{id}")
	String person(@PathVariable long id, Model model) {
		var person = people.get(id);
		return person(person, PersonForm.of(person), List.of(), model);
	}

	@PostMapping("/{id}")
	String change(@PathVariable long id, PersonForm form, Model model, RedirectAttributes redirect) {
		try {
			accounts.change(signedIn.person(), id, form.name(), form.email(), form.role());
		}
		catch (IllegalArgumentException | PersonAlreadyExists refused) {
			return person(people.get(id), form, List.of(refused.getMessage()), model);
		}
		redirect.addFlashAttribute("flash", "Saved");
		return "redirect:/people/" + id;
	}

	@PostMapping("/{id}/deactivate")
	String deactivate(@PathVariable long id, RedirectAttributes redirect) {
		return done(id, redirect, () -> accounts.setActive(signedIn.person(), id, false).name()
				+ " is deactivated: their updates stay, but they no longer sign in, post or get updates");
	}

	@PostMapping("/{id}/reactivate")
	String reactivate(@PathVariable long id, RedirectAttributes redirect) {
		return done(id, redirect, () -> accounts.setActive(signedIn.person(), id, true).name() + " is active again");
	}

	@PostMapping("/{id}/set-password-link")
	String sendSetPasswordLink(@PathVariable long id, RedirectAttributes redirect) {
		return done(id, redirect, () -> "A new link to set a password is on its way to "
				+ accounts.sendSetPasswordLink(signedIn.person(), id).email() + "; older links no longer work");
	}

	/** Lifts a lock of an account or a client address, from the list of locks. */
	@PostMapping("/unlock")
	String unlock(@RequestParam String subject, RedirectAttributes redirect) {
		accounts.unlockSignIn(signedIn.person(), subject);
		redirect.addFlashAttribute("flash", "Signing in is unlocked for " + subject);
		return "redirect:/people";
	}

	@PostMapping("/{id}/unlock")
	String unlockAccount(@PathVariable long id, RedirectAttributes redirect) {
		return done(id, redirect, () -> {
			var person = people.get(id);
			throttle.ofAccount(person.email())
				.forEach(lock -> accounts.unlockSignIn(signedIn.person(), lock.subject()));
			return person.name() + " may sign in again; their failed sign-ins are forgotten";
		});
	}

	@PostMapping("/{id}/aliases/{aliasId}/remove")
	String removeAlias(@PathVariable long id, @PathVariable long aliasId, RedirectAttributes redirect) {
		return done(id, redirect, () -> {
			var alias = people.aliasesOf(id).stream().filter(a -> a.id() == aliasId).findFirst();
			accounts.removeAlias(signedIn.person(), id, aliasId);
			return alias.map(a -> a.email() + " removed: mail from it now waits in Inbound Messages")
				.orElse("Address removed");
		});
	}

	/** An action on a person, and back to their page with what happened or why not. */
	private static String done(long id, RedirectAttributes redirect, Action action) {
		try {
			redirect.addFlashAttribute("flash", action.take());
		}
		catch (IllegalArgumentException refused) {
			redirect.addFlashAttribute("problems", List.of(refused.getMessage()));
		}
		return "redirect:/people/" + id;
	}

	private String list(String q, PersonForm form, List<String> problems, Model model) {
		model.addAttribute("people", people.search(q));
		model.addAttribute("locks", throttle.locked());
		model.addAttribute("now", Instant.now());
		model.addAttribute("q", q);
		model.addAttribute("form", form);
		model.addAttribute("roles", Role.values());
		keepProblems(problems, model);
		return "people/list";
	}

	private String person(Person person, PersonForm form, List<String> problems, Model model) {
		model.addAttribute("person", person);
		model.addAttribute("form", form);
		model.addAttribute("roles", Role.values());
		model.addAttribute("aliases", people.aliasesOf(person.id()));
		model.addAttribute("signInFailures", throttle.ofAccount(person.email()));
		model.addAttribute("now", Instant.now());
		keepProblems(problems, model);
		return "people/person";
	}

	/**
	 * Problems of this request, or else those an action left for the page it went back
	 * to.
	 */
	private static void keepProblems(List<String> problems, Model model) {
		if (!problems.isEmpty() || !model.containsAttribute("problems")) {
			model.addAttribute("problems", problems);
		}
	}

	@FunctionalInterface
	private interface Action {

		String take();

	}

	/**
	 * A person as typed: the role stays text until saved, so a bad one comes back as
	 * typed.
	 */
	record PersonForm(String name, String email, String roleName) {

		static PersonForm of(Person person) {
			return new PersonForm(person.name(), person.email(), person.role().name());
		}

		Role role() {
			return Arrays.stream(Role.values())
				.filter(role -> role.name().equals(roleName == null ? "" : roleName.strip().toUpperCase(Locale.ROOT)))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"role must be one of " + Arrays.toString(Role.values()).replaceAll("[\\[\\]]", "")));
		}
	}

}
