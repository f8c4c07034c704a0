package io.casepost.inbound;

import io.casepost.inbound.reply.ReplyExtractor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

	@Bean
	ReplyExtractor replyExtractor() {
		return new ReplyExtractor();
	}

}
