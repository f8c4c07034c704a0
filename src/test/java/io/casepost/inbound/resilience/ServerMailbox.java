package io.casepost.inbound.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The inbound mailbox as the mail server holds it, read and arranged by the test over
 * plain IMAP.
 */
public record ServerMailbox(String host, int port, String username, String password) {

	public int count(String folder) {
		return withFolder(folder, 0, open -> open.getMessageCount());
	}

	/**
	 * Messages in {@code folder} without the keyword the product sets in
	 * {@code mark-processed=flag} mode.
	 */
	public int countUnflagged(String folder, String keyword) {
		return withFolder(folder, 0, open -> open.search(new FlagTerm(new Flags(keyword), false)).length);
	}

	/** Message-IDs in {@code folder}, without angle brackets. */
	public List<String> messageIds(String folder) {
		return withFolder(folder, List.<String>of(), open -> {
			var ids = new ArrayList<String>();
			for (var message : open.getMessages()) {
				var id = message.getHeader("Message-ID");
				ids.add(id == null ? null : id[0].strip().replaceAll("^<|>$", ""));
			}
			return ids;
		});
	}

	public long uidValidity(String folder) {
		return withFolder(folder, -1L, open -> ((IMAPFolder) open).getUIDValidity());
	}

	public void append(String folder, Message... messages) {
		withStore(store -> {
			var target = store.getFolder(folder);
			if (!target.exists()) {
				target.create(Folder.HOLDS_MESSAGES);
			}
			target.appendMessages(messages);
			return null;
		});
	}

	/**
	 * Empties a folder (or removes it, for any folder but INBOX), so a test starts from a
	 * known mailbox.
	 */
	public void clear(String folder) {
		withStore(store -> {
			var target = store.getFolder(folder);
			if (!target.exists()) {
				return null;
			}
			if (!"INBOX".equalsIgnoreCase(folder)) {
				target.delete(true);
				return null;
			}
			target.open(Folder.READ_WRITE);
			if (target.getMessageCount() > 0) {
				target.setFlags(1, target.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
			}
			target.close(true);
			return null;
		});
	}

	private <T> T withFolder(String name, T missing, FolderWork<T> work) {
		return withStore(store -> {
			var folder = store.getFolder(name);
			if (!folder.exists()) {
				return missing;
			}
			folder.open(Folder.READ_ONLY);
			try {
				return work.on(folder);
			}
			finally {
				folder.close(false);
			}
		});
	}

	private <T> T withStore(StoreWork<T> work) {
		try (var store = Session.getInstance(new Properties()).getStore("imap")) {
			store.connect(host, port, username, password);
			return work.on(store);
		}
		catch (MessagingException e) {
			throw new IllegalStateException("Could not read the inbound mailbox " + username + "@" + host + ":" + port,
					e);
		}
	}

	private interface StoreWork<T> {

		T on(Store store) throws MessagingException;

	}

	private interface FolderWork<T> {

		T on(Folder folder) throws MessagingException;

	}
}
