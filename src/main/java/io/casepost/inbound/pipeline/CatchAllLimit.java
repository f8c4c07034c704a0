package io.casepost.inbound.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many messages of one sender go to the catch-all one by one within a window; the
 * rest of the window's go out together, in one digest once the window has passed.
 *
 * @param digestCheck how often due digests are looked for
 */
@ConfigurationProperties("casepost.inbound.catch-all")
public record CatchAllLimit(@DefaultValue("10") int perSender, @DefaultValue("1h") Duration window,
		@DefaultValue("1m") Duration digestCheck) {
}
