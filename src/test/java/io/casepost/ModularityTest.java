package io.casepost;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(CasepostApplication.class);

	@Test
	void modulesUseOnlyTheDependenciesTheyDeclareAndOnlyEachOthersPublicSurface() {
		MODULES.verify();
	}

	@Test
	void everyModuleDeclaresItsAllowedDependencies() throws ClassNotFoundException {
		for (var module : MODULES) {
			var packageInfo = Class.forName(module.getBasePackage().getName() + ".package-info");
			assertThat(packageInfo.getAnnotation(ApplicationModule.class).allowedDependencies())
				.as("allowed dependencies of module %s", module.getIdentifier())
				.doesNotContain(ApplicationModule.OPEN_TOKEN);
		}
	}

	@Test
	void casesKnowsNothingOfEmail() {
		var cases = MODULES.getModuleByName("cases").orElseThrow();
		assertThat(cases.getDirectDependencies(MODULES).stream().map(ApplicationModuleDependency::getTargetModule))
			.extracting(module -> module.getIdentifier().toString())
			.doesNotContain("mail", "outbound", "inbound", "notify", "web");
	}

	@Test
	void operationsCommandsLiveOutsideTheDomainModulesAndNoModuleDependsOnThem() {
		var operations = MODULES.getModuleByName("operations").orElseThrow();
		for (var module : MODULES) {
			assertThat(module.getDirectDependencies(MODULES).stream().map(ApplicationModuleDependency::getTargetModule))
				.as("dependencies of module %s", module.getIdentifier())
				.doesNotContain(operations);
		}
	}

	@Test
	void sharedDependsOnNoOtherModule() {
		var shared = MODULES.getModuleByName("shared").orElseThrow();
		assertThat(shared.getDirectDependencies(MODULES).stream()).isEmpty();
	}

	@Test
	void moduleDocumentationIsWrittenIntoTarget() {
		var documenter = new Documenter(MODULES,
				Documenter.Options.defaults().withOutputFolder("target/modulith-docs"));
		documenter.writeDocumentation();
		assertThat(new java.io.File("target/modulith-docs/components.puml")).isFile();
		assertThat(new java.io.File("target/modulith-docs/module-cases.adoc")).isFile();
	}

}
