package io.casepost.web;

import java.util.List;

/** The body of every API error: what went wrong, and the details a caller can act on. */
record ApiError(String error, List<?> details) {
}
