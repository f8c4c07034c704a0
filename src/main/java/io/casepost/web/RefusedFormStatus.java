package io.casepost.web;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A form sent back to its page with the problems of its input answers 400, as the API
 * does for the same input: the person sees the page with each problem, a client or a test
 * sees the status.
 */
@Configuration
class RefusedFormStatus implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if ("POST".equals(request.getMethod()) && page != null && response.getStatus() < 400
				&& !String.valueOf(page.getViewName()).startsWith("redirect:")
				&& (hasAny(page.getModel().get("problems")) || hasAny(page.getModel().get("violations")))) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
	}

	private static boolean hasAny(Object problems) {
		return problems instanceof Collection<?> list && !list.isEmpty();
	}

}
