package io.casepost.cases;

/**
 * A file in the attachment store under a key of our own, never the user's file name.
 */
public record StoredFile(String key, long size, String sha256) {
}
