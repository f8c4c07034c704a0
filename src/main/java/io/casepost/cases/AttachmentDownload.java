package io.casepost.cases;

import java.io.InputStream;

public record AttachmentDownload(AttachmentInfo info, InputStream content) {
}
