package io.casepost.operations;

import java.io.PrintStream;

/**
 * One line redrawn in place, and only when its percentage moves, so that a long run does
 * not flood a log: {@code storing    [###############---------------]  50% 12 messages}.
 */
final class ProgressBar {

	private static final int WIDTH = 30;

	private final String label;

	private final long total;

	private final PrintStream out;

	private int drawn = -1;

	ProgressBar(String label, long total, PrintStream out) {
		this.label = label;
		this.total = total;
		this.out = out;
	}

	void show(long done, String detail) {
		var percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
		if (percent == drawn) {
			return;
		}
		drawn = percent;
		var filled = percent * WIDTH / 100;
		out.printf("\r%-10s [%s%s] %3d%% %s", label, "#".repeat(filled), "-".repeat(WIDTH - filled), percent, detail);
		out.flush();
	}

	void finish() {
		if (drawn >= 0) {
			out.println();
		}
	}

}
