package io.casepost.web;

import java.io.IOException;
import java.util.List;

import io.casepost.accounts.SignInThrottled;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * What an HTTP Basic caller is told when not signed in: 401 with the challenge, or, for a
 * sign-in refused by the throttle, 429 with Retry-After and why, as the API's errors say
 * it.
 */
class BasicSignInAnswer implements AuthenticationEntryPoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();

	BasicSignInAnswer() {
		challenge.setRealmName("Casepost");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		if (!(refused instanceof SignInThrottled throttled)) {
			challenge.commence(request, response, refused);
			return;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER,
				String.valueOf(Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000)));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), new ApiError(throttled.getMessage(), List.of()));
	}

}
