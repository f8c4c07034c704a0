package io.casepost.cases;

public record AttachmentInfo(long id, long updateId, String filename, String contentType, long size, String sha256) {
}
