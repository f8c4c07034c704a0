package io.casepost.web;

import java.util.List;

import io.casepost.cases.CaseFilter;
import io.casepost.cases.CaseStatus;
import io.casepost.cases.Cases;
import io.casepost.cases.People;
import io.casepost.shared.PageRequest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cases the viewer may see, and opening a new one. */
@Controller
class CasesPage {

	static final int PAGE_SIZE = 50;

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
	String list(@RequestParam(required = false) CaseStatus status, @RequestParam(required = false) String manager,
			@RequestParam(required = false) String q, @RequestParam(required = false) Long after, Model model,
			HttpServletRequest request) {
		var filter = new CaseFilter(status, manager, q);
		return list(filter, new PageRequest(after, PAGE_SIZE), new NewCaseForm("", signedIn.person().email()), model,
				request);
	}

	/** A refused case comes back to the list as typed, with the reason. */
	@PostMapping("/cases")
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	String open(NewCaseForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
		try {
			var opened = cases.open(form.title(), form.caseManagerEmail());
			redirect.addFlashAttribute("flash", "Case " + opened.number() + " opened");
			return "redirect:/cases/" + opened.id();
		}
		catch (IllegalArgumentException refused) {
			model.addAttribute("problems", List.of(refused.getMessage()));
			return list(new CaseFilter(null, null, null), PageRequest.first(PAGE_SIZE), form, model, request);
		}
	}

	private String list(CaseFilter filter, PageRequest pageRequest, NewCaseForm form, Model model,
			HttpServletRequest request) {
		var page = cases.visibleTo(signedIn.person(), filter, pageRequest);
		model.addAttribute("cases", page.items());
		model.addAttribute("pages", PageLinks.of(request, page));
		model.addAttribute("filter", filter);
		model.addAttribute("caseManagers", people.caseManagers());
		model.addAttribute("newCase", form);
		return "cases";
	}

	record NewCaseForm(String title, String caseManagerEmail) {
	}

}
