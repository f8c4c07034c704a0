package io.casepost.cases;

import org.springframework.core.io.InputStreamSource;

/** A file to attach, read once while the update is posted. */
public record NewAttachment(String fileName, InputStreamSource content) {
}
