package io.casepost.setup;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.regex.Pattern;

import io.casepost.CasepostApplication;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo agency only where it is safe: by default only on the embedded default, and
 * never with a password anyone could know beforehand.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoDataTest {

	private static final Pattern LOGIN = Pattern.compile("\\s+(\\S+@\\S+) \\((\\w+)\\) password: (\\S+)");

	final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(DemoDataIfSafe.class);

	@Test
	void onTheEmbeddedDefaultTheDemoAgencySignsInWithPasswordsLoggedOnce(@TempDir Path dataDir, CapturedOutput output) {
		var arguments = embeddedDefault(dataDir);
		try (var first = new SpringApplicationBuilder(CasepostApplication.class).run(arguments)) {
			var logins = LOGIN.matcher(output.getOut().substring(output.getOut().indexOf("Demo data: case")));
			var port = first.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			var signedIn = 0;
			while (logins.find()) {
				assertThat(logins.group(3)).hasSizeGreaterThanOrEqualTo(20);
				assertThat(TestApi.asAdmin(port).as(logins.group(1), logins.group(3)).get("/api/cases").status())
					.as(logins.group(1))
					.isEqualTo(200);
				signedIn++;
			}
			assertThat(signedIn).isEqualTo(3);
			assertThat(TestApi.asAdmin(port).as("dana.reyes@agency.example", "demo").get("/api/cases").status())
				.isEqualTo(401);
		}
		var before = output.getOut().length();
		try (var second = new SpringApplicationBuilder(CasepostApplication.class).run(arguments)) {
			assertThat(output.getOut().substring(before)).doesNotContain("Demo data:").doesNotContain("password:");
		}
	}

	@Test
	void onTheEmbeddedDefaultTheDemoIsThereUnlessTurnedOff() {
		contexts.withPropertyValues("spring.datasource.url=jdbc:h2:file:./data/casepost")
			.run(context -> assertThat(context).hasSingleBean(DemoDataIfSafe.class));
		contexts.withPropertyValues("spring.datasource.url=jdbc:h2:file:./data/casepost", "casepost.demo-data=false")
			.run(context -> assertThat(context).doesNotHaveBean(DemoDataIfSafe.class));
	}

	@Test
	void onPostgreSqlOrWithARealMailServerTheDemoIsLeftOutUnlessAskedFor() {
		contexts.withPropertyValues("spring.datasource.url=jdbc:postgresql://db:5432/casepost")
			.run(context -> assertThat(context).doesNotHaveBean(DemoDataIfSafe.class));
		contexts
			.withPropertyValues("spring.datasource.url=jdbc:h2:file:./data/casepost",
					"casepost.embedded-mail.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(DemoDataIfSafe.class));
		contexts
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://db:5432/casepost", "casepost.demo-data=true")
			.run(context -> assertThat(context).hasSingleBean(DemoDataIfSafe.class));
	}

	/**
	 * The product's own start, as command-line arguments: H2 files and the embedded mail
	 * server, nothing said about demo data; only ports and the data directory of its own.
	 */
	private static String[] embeddedDefault(Path dataDir) {
		var properties = new HashMap<>(TestEnvironment.properties(new String[] { "", "" }));
		properties.keySet().removeIf(key -> key.startsWith("spring.datasource.") || key.equals("casepost.demo-data"));
		properties.put("casepost.data-dir", dataDir.toString());
		properties.put("server.port", "0");
		return properties.entrySet()
			.stream()
			.map(property -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(EmbeddedDefaultOnly.class)
	static class DemoDataIfSafe {

	}

}
