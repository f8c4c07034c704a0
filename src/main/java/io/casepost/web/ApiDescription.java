package io.casepost.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI description at /v3/api-docs says of the API as a whole: every call
 * signs in with HTTP Basic.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	private static final String BASIC = "basic";

	@Bean
	OpenAPI casepostApi() {
		return new OpenAPI()
			.info(new Info().title("Casepost API")
				.version("1")
				.description("Cases, their people and updates; General Case Settings; inbound email. "
						+ "Errors are {\"error\", \"details\"} with 400, 401/403 or 404."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
