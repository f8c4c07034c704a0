package io.casepost.inbound.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.casepost.CasepostTest;
import io.casepost.inbound.inbox.Inbox;

import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The end-to-end inbound suite: the whole product on one shared context (the same
 * configuration on every class, so Spring builds it once), with the inbox watched so a
 * test can stop processing at a chosen step as a crash would.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CasepostTest
@MockitoSpyBean(types = Inbox.class)
public @interface InboundEndToEnd {

}
