package io.casepost.web;

import io.casepost.cases.People;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The API signs in with HTTP Basic on each call; pages sign in with a form and are
 * CSRF-protected. Both sign in through the accounts module's throttled sign-in, the one
 * AuthenticationProvider.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	@Bean
	@Order(1)
	@ConditionalOnWebApplication // the import command runs the application without its
									// web server
	SecurityFilterChain api(HttpSecurity http) throws Exception {
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests
				// a mail provider's webhook signs each body with the shared secret
				// instead of signing in
				.requestMatchers(HttpMethod.POST, "/api/inbound/raw")
				.permitAll()
				.requestMatchers("/api/settings/**", "/api/inbound/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(new BasicSignInAnswer()))
			// Basic credentials travel with every call and no cookie is set, so there is
			// no session to forge requests on
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(SecurityConfig::headers)
			.build();
	}

	/**
	 * Health, metrics and the API description: read by monitoring and integrators with
	 * HTTP Basic, or in the browser of a signed-in admin. Health itself stays public for
	 * load balancers; its details, like every metric, are for admins (see
	 * management.endpoint.health.roles).
	 */
	@Bean
	@Order(2)
	@ConditionalOnWebApplication
	SecurityFilterChain operations(HttpSecurity http, People people) throws Exception {
		return http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/v3/api-docs.yaml")
			.addFilterBefore(new StaleSessionFilter(people), AuthorizationFilter.class)
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/v3/api-docs/**", "/v3/api-docs.yaml")
				.authenticated()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(basic -> basic.authenticationEntryPoint(new BasicSignInAnswer()))
			// a Basic client gets 401, not a saved request and a redirect to a form
			.requestCache(cache -> cache.disable())
			.headers(SecurityConfig::headers)
			.build();
	}

	@Bean
	@Order(3)
	@ConditionalOnWebApplication
	SecurityFilterChain pages(HttpSecurity http, People people) throws Exception {
		return http.addFilterBefore(new StaleSessionFilter(people), AuthorizationFilter.class)
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/login", "/set-password/**", "/css/**", "/error")
						.permitAll()
						.requestMatchers("/settings/**", "/inbound", "/people/**", "/swagger-ui.html", "/swagger-ui/**")
						.hasRole("ADMIN")
						.anyRequest()
						.authenticated())
			// a link followed while signed out (one in an email) leads on to its page
			// after
			// sign-in
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/cases").permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			// Pages show text that strangers emailed in: should any of it ever slip
			// through as markup, it must not run
			.headers(headers -> headers(headers).contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")))
			.build();
	}

	/**
	 * Every answer: addresses hold case numbers and one-time links, so no other site is
	 * told them; and no page needs the browser's camera, microphone, location or payment.
	 */
	private static HeadersConfigurer<HttpSecurity> headers(HeadersConfigurer<HttpSecurity> headers) {
		return headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader(
					permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()"));
	}

}
