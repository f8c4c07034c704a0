package io.casepost;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import io.casepost.inbound.ExtractReplyCommand;
import io.casepost.operations.CopyAttachmentsToS3;
import io.casepost.operations.MailImport;
import io.casepost.setup.DemoScaleSeed;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@EnableScheduling
public class CasepostApplication {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		// Jakarta Mail 2.1 finds its StreamProvider by a ServiceLoader scan of the whole
		// class path for every body part, multipart and encoded word it makes
		// (jakartaee/mail-api#699, #861): a third of an inbound batch's CPU. The system
		// property it reads first names the provider outright.
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("extract-reply")) {
			System
				.exit(new ExtractReplyCommand().run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && args[0].equals("import")) {
			System.exit(importFiles(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("seed-demo-scale")) {
			System.exit(seedDemoScale(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("copy-attachments-to-s3")) {
			System.exit(CopyAttachmentsToS3.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(CasepostApplication.class, args);
	}

	/**
	 * {@code import FILE... [--property=value...]}: the application without its web
	 * server, push sources or IDLE connection, storing the files' messages and running
	 * the pipeline over them.
	 */
	private static int importFiles(String[] args) {
		var files = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).map(Path::of).toList();
		if (files.isEmpty()) {
			System.err.println("usage: java -jar casepost.jar import FILE... (.eml files or mbox files)");
			return 2;
		}
		try (var context = withoutWebServer(Arrays.stream(args).filter(arg -> arg.startsWith("--")), Map.of())) {
			return context.getBean(MailImport.class).run(files, System.out, System.err);
		}
	}

	/**
	 * {@code seed-demo-scale [--cases=N] [--updates=N] [--messages=N]
	 * [--busiest-case-updates=N] [--password=P] [--property=value...]}: the application
	 * without its web server or embedded mail server, filling its database with an agency
	 * at scale.
	 */
	private static int seedDemoScale(String[] args) {
		try (var context = withoutWebServer(Arrays.stream(args),
				Map.of("casepost.demo-data", "false", "casepost.embedded-mail.enabled", "false"))) {
			return DemoScaleSeed.run(context, System.out);
		}
	}

	/**
	 * The application for a command: no web server, push sources or IDLE connection, and
	 * warnings only in the log.
	 */
	private static ConfigurableApplicationContext withoutWebServer(Stream<String> options,
			Map<String, Object> defaults) {
		var application = new SpringApplication(CasepostApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		var properties = new java.util.HashMap<String, Object>(defaults);
		properties.put("logging.level.root", "WARN");
		application.setDefaultProperties(properties);
		return application.run(Stream
			.concat(options, Stream.of("--casepost.inbound.mode=batch", "--casepost.inbound.smtp.enabled=false"))
			.toArray(String[]::new));
	}

}
