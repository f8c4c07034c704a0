package io.casepost.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCharactersTest {

	@Test
	void textLosesNulControlsAndLoneSurrogatesButKeepsLinesTabsPairsAndBidi() {
		assertThat(ControlCharacters.strip("a\u0000b\u001B[31mc\r\nd\te")).isEqualTo("ab[31mc\nd\te");
		assertThat(ControlCharacters.strip("lone \uD800 low \uDC00 pair \uD83D\uDE00"))
			.isEqualTo("lone  low  pair \uD83D\uDE00");
		assertThat(ControlCharacters.strip("\u202Eright to left")).isEqualTo("\u202Eright to left");
	}

	@Test
	void namesAlsoLoseLineBreaksTabsAndEveryBidiControl() {
		assertThat(ControlCharacters.inName("Eve\u202E\u2066\u2069\u200F\u061C\uFEFF Evil\n\t\uDBFF"))
			.isEqualTo("Eve Evil");
		assertThat(ControlCharacters.inName("שלום \uD83D\uDE00")).isEqualTo("שלום \uD83D\uDE00");
	}

	@Test
	void nullStaysNull() {
		assertThat(ControlCharacters.strip(null)).isNull();
		assertThat(ControlCharacters.inName(null)).isNull();
	}

}
