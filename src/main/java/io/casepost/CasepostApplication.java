package io.casepost;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CasepostApplication {

	public static void main(String[] args) {
		SpringApplication.run(CasepostApplication.class, args);
	}
}
