package io.casepost;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

	@Test
	void modulesOnlyUseEachOthersPublicSurfaceAndCasesKnowsNothingOfEmail() {
		ApplicationModules.of(CasepostApplication.class).verify();
	}

}
