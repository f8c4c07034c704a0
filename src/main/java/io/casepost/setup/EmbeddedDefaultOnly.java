package io.casepost.setup;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Demo data where it is safe: as asked by casepost.demo-data, and where that is not set,
 * only on the embedded default (H2 and the embedded mail server), a trial on one machine.
 * A deployment on another database or a real mail server has real people in it.
 */
class EmbeddedDefaultOnly extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		var environment = context.getEnvironment();
		var asked = environment.getProperty("casepost.demo-data", Boolean.class);
		if (asked != null) {
			return new ConditionOutcome(asked, "casepost.demo-data=" + asked);
		}
		var h2 = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
		var embeddedMail = environment.getProperty("casepost.embedded-mail.enabled", Boolean.class, true);
		return new ConditionOutcome(h2 && embeddedMail,
				"casepost.demo-data not set; H2: " + h2 + ", embedded mail server: " + embeddedMail);
	}

}
