package io.casepost.mail;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * What an email costs on a connection of its own (Spring's sender, as every notification
 * was sent before) and on a kept one ({@link SmtpConnections}): CPU of this process,
 * which holds both ends (GreenMail on 127.0.0.1 takes the mail), and wall time, per email
 * written like a case manager's notification (text and HTML).
 * <p>
 * Run:
 * {@code mvn -B -q -Pbench -DskipTests compile exec:exec -Dbench.main=io.casepost.mail.SmtpConnectionBenchmark -Dbench.args="2000"}
 */
public final class SmtpConnectionBenchmark {

	private SmtpConnectionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		var emails = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
		var server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		try {
			var sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(server.getSmtp().getPort());
			var kept = new SmtpConnections(sender, MailLogin.withPasswords(), Clock.systemUTC());
			// the first two rounds warm the JIT up; the last is the figure
			for (int round = 1; round <= 3; round++) {
				var recipient = "manager" + round + "@agency.bench";
				measure("a connection each", round, emails, () -> sender.send(notification(sender, recipient)));
				measure("kept connections", round, emails, () -> kept.send(notification(sender, recipient)));
				server.purgeEmailFromAllMailboxes();
			}
			kept.destroy();
		}
		finally {
			server.stop();
		}
	}

	private static void measure(String how, int round, int emails, Send send)
			throws Exception {
		var cpu = processCpuNanos();
		var wall = System.nanoTime();
		for (int i = 0; i < emails; i++) {
			send.send();
		}
		System.out.printf("round %d, %-17s: %5.2f ms CPU and %5.2f ms wall an email (%d emails)%n", round, how,
				(processCpuNanos() - cpu) / 1e6 / emails, (System.nanoTime() - wall) / 1e6 / emails, emails);
	}

	private static MimeMessage notification(JavaMailSenderImpl sender, String recipient) throws Exception {
		var message = sender.createMimeMessage();
		var helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("casepost@casepost.local");
		helper.setTo(recipient);
		helper.setSubject("[Case 2026-0001] New update from Chris Client");
		helper.setText(
				"Chris Client posted a new update (email) on case 2026-0001 (Warehouse stock loss):\n\n"
						+ "Tuesday at ten works.\n\n-- \nOn the case page: http://localhost:8080/cases/1#update-2\n",
				"<p>Chris Client posted a new update (email) on case 2026-0001 (Warehouse stock loss):</p>"
						+ "<div style=\"white-space:pre-wrap\">Tuesday at ten works.</div>");
		return message;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	@FunctionalInterface
	private interface Send {

		void send() throws Exception;

	}

}
