package io.casepost;

import java.util.Arrays;

import io.casepost.cases.CopyAttachmentsToS3;
import io.casepost.inbound.ExtractReplyCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@EnableScheduling
public class CasepostApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("extract-reply")) {
			System.exit(new ExtractReplyCommand().run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && args[0].equals("copy-attachments-to-s3")) {
			System.exit(CopyAttachmentsToS3.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(CasepostApplication.class, args);
	}
}
