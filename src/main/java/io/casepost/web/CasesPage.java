package io.casepost.web;

import java.util.List;

import io.casepost.cases.Cases;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.Role;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cases the viewer may see, and opening a new one. */
@Controller
class CasesPage {

	private final Cases cases;

	private final People people;

	private final SignedIn signedIn;

	CasesPage(Cases cases, People people, SignedIn signedIn) {
		this.cases = cases;
		this.people = people;
		this.signedIn = signedIn;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/cases";
	}

	@GetMapping("/cases")
	String list(Model model) {
		var me = signedIn.person();
		model.addAttribute("cases", cases.visibleTo(me));
		model.addAttribute("caseManagers", caseManagers());
		model.addAttribute("newCase", new NewCaseForm("", me.email()));
		return "cases";
	}

	@PostMapping("/cases")
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	String open(NewCaseForm form, RedirectAttributes redirect) {
		try {
			var opened = cases.open(form.title(), form.caseManagerEmail());
			redirect.addFlashAttribute("flash", "Case " + opened.number() + " opened");
			return "redirect:/cases/" + opened.id();
		}
		catch (IllegalArgumentException refused) {
			redirect.addFlashAttribute("problems", List.of(refused.getMessage()));
			return "redirect:/cases";
		}
	}

	private List<Person> caseManagers() {
		return people.all().stream().filter(person -> person.role() == Role.CASE_MANAGER || person.isAdmin()).toList();
	}

	record NewCaseForm(String title, String caseManagerEmail) {
	}

}
