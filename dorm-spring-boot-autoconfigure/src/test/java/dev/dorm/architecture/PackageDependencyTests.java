/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.dorm.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Tests that the packages of dorm-spring depend on each other only in the allowed
 * directions.
 */
class PackageDependencyTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.dorm");

	@Test
	void onlyAutoconfigureUsesAutoconfigure() {
		noClasses().that()
			.resideOutsideOfPackage("dev.dorm.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dorm.autoconfigure..")
			.check(classes);
	}

	@Test
	void publicApiDependsOnNoImplementationPackage() {
		noClasses().that()
			.resideInAPackage("dev.dorm")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dorm.(*)..")
			.check(classes);
	}

	@Test
	void registryAndMigrationKnowNothingOfWeb() {
		noClasses().that()
			.resideInAnyPackage("dev.dorm.registry..", "dev.dorm.migration..", "dev.dorm.sql..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
					"org.springframework.security..", "dev.dorm.web..", "dev.dorm.tenant..")
			.check(classes);
	}

	@Test
	void webUsesOnlyPublicApi() {
		noClasses().that()
			.resideInAPackage("dev.dorm.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dorm.registry..", "dev.dorm.migration..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void mirrorDoesNotUseWeb() {
		noClasses().that()
			.resideInAPackage("dev.dorm.mirror..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dorm.web..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void schemaUsesNothingElseOfTheProject() {
		noClasses().that()
			.resideInAPackage("dev.dorm.schema..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dorm", "dev.dorm.autoconfigure..", "dev.dorm.registry..", "dev.dorm.migration..",
					"dev.dorm.tenant..", "dev.dorm.web..", "dev.dorm.mirror..", "dev.dorm.sql..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void coreKnowsNothingOfActuatorOrMicrometer() {
		noClasses().that()
			.resideInAnyPackage("dev.dorm", "dev.dorm.registry..", "dev.dorm.migration..", "dev.dorm.mirror..",
					"dev.dorm.sql..", "dev.dorm.tenant..", "dev.dorm.jdbc..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.micrometer..", "org.springframework.boot.actuate..",
					"org.springframework.boot.health..", "dev.dorm.actuate..")
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.dorm.(*)..").should().beFreeOfCycles().check(classes);
	}

}
