package io.casepost.inbound.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.mail.MailLogin;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Fetches unprocessed messages from the inbound IMAP mailbox in UID order, stores each in the inbox,
 * and only then marks it processed on the server (moved to the processed folder, or flagged).
 */
@Component
public class ImapSource {

	static final String PROCESSED_KEYWORD = "casepost-processed";

	private static final long CHUNK_BYTES = 8 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(ImapSource.class);

	private final ImapSettings settings;

	private final Inbox inbox;

	private final MailLogin login;

	ImapSource(ImapSettings settings, Inbox inbox, MailLogin login) {
		this.settings = settings;
		this.inbox = inbox;
		this.login = login;
	}

	/** Answers how many messages were newly stored. */
	public int fetch() throws MessagingException, IOException {
		try (var store = connect()) {
			var folder = (IMAPFolder) store.getFolder(settings.folder());
			folder.open(Folder.READ_WRITE);
			try {
				return fetchAll(store, folder);
			}
			finally {
				folder.close(true);
			}
		}
	}

	/** A connection that waits on the inbound folder for new mail, for the IDLE mode. */
	public Watch watch() throws MessagingException {
		var store = connect();
		try {
			var folder = (IMAPFolder) store.getFolder(settings.folder());
			folder.open(Folder.READ_ONLY);
			return new Watch(store, folder);
		}
		catch (MessagingException | RuntimeException e) {
			store.close();
			throw e;
		}
	}

	public String describe() {
		return settings.describe();
	}

	private IMAPStore connect() throws MessagingException {
		var store = (IMAPStore) Session.getInstance(properties()).getStore(protocol());
		login.connect(settings.username(), settings.password(),
				(user, secret) -> store.connect(settings.host(), settings.port(), user, secret));
		return store;
	}

	/** The inbound folder held open: whether the server can push, and what has arrived. */
	public final class Watch implements AutoCloseable {

		private final IMAPStore store;

		private final IMAPFolder folder;

		private Watch(IMAPStore store, IMAPFolder folder) {
			this.store = store;
			this.folder = folder;
		}

		/** Whether the server announces new mail itself (IMAP IDLE); otherwise it has to be asked. */
		public boolean pushes() throws MessagingException {
			return store.hasCapability("IDLE");
		}

		/** The UID the next message will get (STATUS UIDNEXT): it changes whenever mail arrives. */
		public long uidNext() throws MessagingException {
			return ((IMAPFolder) store.getFolder(settings.folder())).getUIDNext();
		}

		/** Waits in IDLE until the server reports a change, {@link #wake()} is called, or the connection drops. */
		public void awaitChange() throws MessagingException {
			folder.idle(true);
		}

		/** Ends a wait from another thread (a NOOP on the folder's connection), which also keeps it alive. */
		public void wake() throws MessagingException {
			folder.doCommand(protocol -> {
				protocol.noop();
				return null;
			});
		}

		@Override
		public void close() throws MessagingException {
			store.close();
		}
	}

	private int fetchAll(IMAPStore store, IMAPFolder folder) throws MessagingException, IOException {
		var uidValidity = folder.getUIDValidity();
		var waiting = unprocessed(folder);
		var stored = 0;
		for (var chunk : chunks(waiting)) {
			var fresh = new ArrayList<Message>();
			for (var message : chunk) {
				if (!inbox.contains(reference(uidValidity, folder.getUID(message)))) {
					fresh.add(message);
				}
			}
			stored += storeAll(folder, uidValidity, fresh);
			markProcessed(store, folder, chunk.toArray(Message[]::new));
		}
		if (!waiting.isEmpty()) {
			log.info("Fetched {} message(s) from {}, {} new", waiting.size(), settings.describe(), stored);
		}
		return stored;
	}

	/**
	 * Up to {@code chunkSize} messages and {@link #CHUNK_BYTES} at a time (a larger message alone):
	 * one server round trip fetches a whole chunk, and memory holds at most one chunk.
	 */
	private List<List<Message>> chunks(List<Message> waiting) throws MessagingException {
		var chunks = new ArrayList<List<Message>>();
		var chunk = new ArrayList<Message>();
		long bytes = 0;
		for (var message : waiting) {
			var size = Math.max(message.getSize(), 0);
			if (!chunk.isEmpty() && (chunk.size() == settings.chunkSize() || bytes + size > CHUNK_BYTES)) {
				chunks.add(chunk);
				chunk = new ArrayList<>();
				bytes = 0;
			}
			chunk.add(message);
			bytes += size;
		}
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
		return chunks;
	}

	/**
	 * Fetches the raw messages with one {@code UID FETCH ... BODY.PEEK[]} and stores each, byte for
	 * byte. UIDs, not sequence numbers: the chunks moved away before this one renumbered the rest.
	 */
	private int storeAll(IMAPFolder folder, long uidValidity, List<Message> messages) throws MessagingException, IOException {
		if (messages.isEmpty()) {
			return 0;
		}
		var uids = new long[messages.size()];
		for (var i = 0; i < uids.length; i++) {
			uids[i] = folder.getUID(messages.get(i));
		}
		var responses = (Response[]) folder.doCommand(protocol -> {
			var answer = protocol.command("UID FETCH " + UIDSet.toString(UIDSet.createUIDSets(uids)) + " (UID BODY.PEEK[])",
					null);
			protocol.notifyResponseHandlers(answer);
			protocol.handleResult(answer[answer.length - 1]);
			return answer;
		});
		var stored = 0;
		for (var response : responses) {
			if (response instanceof FetchResponse fetched && fetched.getItem(BODY.class) != null
					&& fetched.getItem(UID.class) != null) {
				var raw = fetched.getItem(BODY.class).getByteArray();
				var reference = reference(uidValidity, fetched.getItem(UID.class).uid);
				inbox.store(out -> out.write(raw.getBytes(), raw.getStart(), raw.getCount()), "IMAP", reference);
				stored++;
			}
		}
		if (stored < messages.size()) {
			throw new MessagingException("The server sent " + stored + " of " + messages.size() + " messages; none was marked processed");
		}
		return stored;
	}

	private List<Message> unprocessed(IMAPFolder folder) throws MessagingException {
		var messages = settings.moves() ? folder.getMessages()
				: folder.search(new FlagTerm(new Flags(PROCESSED_KEYWORD), false));
		var profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		profile.add(FetchProfile.Item.SIZE);
		folder.fetch(messages, profile);
		var sorted = new ArrayList<>(Arrays.asList(messages));
		sorted.sort(Comparator.comparingLong(message -> uid(folder, message)));
		return sorted;
	}

	private void markProcessed(IMAPStore store, IMAPFolder folder, Message[] messages) throws MessagingException {
		if (messages.length == 0) {
			return;
		}
		if (!settings.moves()) {
			folder.setFlags(messages, new Flags(PROCESSED_KEYWORD), true);
			return;
		}
		var processed = store.getFolder(settings.processedFolder());
		if (!processed.exists()) {
			processed.create(Folder.HOLDS_MESSAGES);
		}
		if (store.hasCapability("MOVE")) {
			folder.moveMessages(messages, processed);
		}
		else {
			folder.copyMessages(messages, processed);
			folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
			folder.expunge(messages);
		}
	}

	private String reference(long uidValidity, long uid) {
		return "imap:%s;uidvalidity=%d;uid=%d".formatted(settings.describe(), uidValidity, uid);
	}

	private static long uid(IMAPFolder folder, Message message) {
		try {
			return folder.getUID(message);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private String protocol() {
		return "tls".equalsIgnoreCase(settings.security()) ? "imaps" : "imap";
	}

	private Properties properties() {
		var props = new Properties();
		var protocol = protocol();
		props.put("mail." + protocol + ".peek", "true");
		props.put("mail." + protocol + ".connectiontimeout", "10000");
		props.put("mail." + protocol + ".timeout", "60000");
		props.put("mail." + protocol + ".partialfetch", "false");
		login.configure(props, protocol);
		if ("starttls".equalsIgnoreCase(settings.security())) {
			props.put("mail.imap.starttls.enable", "true");
			props.put("mail.imap.starttls.required", "true");
		}
		return props;
	}
}
