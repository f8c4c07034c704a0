package io.casepost.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes as people read them in reasons: {@code 25 MB}, {@code 256 KB}, {@code 1.5 MB}.
 */
public final class ByteSizes {

	private static final long KB = 1024;

	private static final long MB = KB * 1024;

	private ByteSizes() {
	}

	public static String describe(long bytes) {
		if (bytes >= MB) {
			return inUnits(bytes, MB) + " MB";
		}
		return bytes >= KB ? inUnits(bytes, KB) + " KB" : bytes + " bytes";
	}

	private static String inUnits(long bytes, long unit) {
		return BigDecimal.valueOf(bytes)
			.divide(BigDecimal.valueOf(unit), 1, RoundingMode.HALF_UP)
			.stripTrailingZeros()
			.toPlainString();
	}

}
