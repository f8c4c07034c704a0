package io.casepost.inbound.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.mail.MailLogin;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Fetches unprocessed messages from the inbound IMAP mailbox in UID order, stores each in
 * the inbox, and only then marks it processed on the server (moved to the processed
 * folder, or flagged). Messages are marked by UID, never by message number: another
 * client expunging meanwhile shifts message numbers but not UIDs.
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

	/**
	 * Answers how many messages were newly stored, telling {@code chunkStored} after each
	 * chunk is committed. Between chunks it asks {@code keepGoing}: a batch that lost its
	 * lease stops before fetching more.
	 */
	public int fetch(BooleanSupplier keepGoing, Runnable chunkStored) throws MessagingException, IOException {
		try (var store = connect()) {
			var folder = (IMAPFolder) store.getFolder(settings.folder());
			folder.open(Folder.READ_WRITE);
			try {
				return fetchAll(store, folder, keepGoing, chunkStored);
			}
			finally {
				folder.close(false);
			}
		}
	}

	/**
	 * A connection that waits on the inbound folder for new mail and fetches it, for the
	 * IDLE mode.
	 */
	public Watch watch() throws MessagingException {
		var store = connect();
		try {
			var folder = (IMAPFolder) store.getFolder(settings.folder());
			folder.open(Folder.READ_WRITE);
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

	/**
	 * The inbound folder held open: whether the server can push, and what has arrived.
	 */
	public final class Watch implements AutoCloseable {

		private final IMAPStore store;

		private final IMAPFolder folder;

		private Watch(IMAPStore store, IMAPFolder folder) {
			this.store = store;
			this.folder = folder;
		}

		/**
		 * Whether the server announces new mail itself (IMAP IDLE); otherwise it has to
		 * be asked.
		 */
		public boolean pushes() throws MessagingException {
			return store.hasCapability("IDLE");
		}

		/**
		 * The UID the next message will get (STATUS UIDNEXT): it changes whenever mail
		 * arrives.
		 */
		public long uidNext() throws MessagingException {
			return ((IMAPFolder) store.getFolder(settings.folder())).getUIDNext();
		}

		/**
		 * Waits in IDLE until the server reports a change, {@link #wake()} is called, or
		 * the connection drops.
		 */
		public void awaitChange() throws MessagingException {
			folder.idle(true);
		}

		/**
		 * Fetches what waits, as {@link ImapSource#fetch} does, over this connection: no
		 * new login.
		 */
		public int fetchNew(BooleanSupplier keepGoing, Runnable chunkStored) throws MessagingException, IOException {
			return fetchAll(store, folder, keepGoing, chunkStored);
		}

		/**
		 * Ends a wait from another thread (a NOOP on the folder's connection), which also
		 * keeps it alive.
		 */
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

	private int fetchAll(IMAPStore store, IMAPFolder folder, BooleanSupplier keepGoing, Runnable chunkStored)
			throws MessagingException, IOException {
		var uidValidity = folder.getUIDValidity();
		var waiting = unprocessed(folder);
		var storedCount = 0;
		var seen = 0;
		for (var chunk : chunks(waiting)) {
			if (!keepGoing.getAsBoolean()) {
				break;
			}
			var alreadyStored = inbox
				.storedSourceRefs(chunk.stream().map(message -> reference(uidValidity, message.uid())).toList());
			var known = new ArrayList<Long>();
			var fresh = new ArrayList<Long>();
			for (var message : chunk) {
				(alreadyStored.contains(reference(uidValidity, message.uid())) ? known : fresh).add(message.uid());
			}
			var storedNow = storeAll(folder, uidValidity, fresh);
			storedCount += storedNow.size();
			if (!storedNow.isEmpty()) {
				chunkStored.run();
			}
			known.addAll(storedNow);
			// only what the inbox holds: a message another client expunged meanwhile was
			// not sent
			markProcessed(store, folder, known.stream().mapToLong(Long::longValue).sorted().toArray());
			seen += chunk.size();
		}
		if (!waiting.isEmpty()) {
			log.info("Fetched {} of {} waiting message(s) from {}, {} new", seen, waiting.size(), settings.describe(),
					storedCount);
		}
		return storedCount;
	}

	/** A message waiting in the inbound folder: its UID and size. */
	private record Waiting(long uid, long size) {
	}

	/**
	 * Up to {@code chunkSize} messages and {@link #CHUNK_BYTES} at a time (a larger
	 * message alone): one server round trip fetches a whole chunk, and memory holds at
	 * most one chunk.
	 */
	private List<List<Waiting>> chunks(List<Waiting> waiting) {
		var chunks = new ArrayList<List<Waiting>>();
		var chunk = new ArrayList<Waiting>();
		long bytes = 0;
		for (var message : waiting) {
			if (!chunk.isEmpty() && (chunk.size() == settings.chunkSize() || bytes + message.size() > CHUNK_BYTES)) {
				chunks.add(chunk);
				chunk = new ArrayList<>();
				bytes = 0;
			}
			chunk.add(message);
			bytes += message.size();
		}
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
		return chunks;
	}

	/**
	 * Fetches the raw messages with one {@code UID FETCH ... BODY.PEEK[]} and stores
	 * them, byte for byte, as one chunk (one sync, one transaction); answers the UIDs
	 * stored. By UID, never by message number: Jakarta Mail fetches content by number,
	 * and while another client expunges a number can name another message than the one
	 * listed, whose bytes would then be stored under this UID (the two-instance test lost
	 * replies so).
	 */
	private List<Long> storeAll(IMAPFolder folder, long uidValidity, List<Long> uids)
			throws MessagingException, IOException {
		if (uids.isEmpty()) {
			return List.of();
		}
		var set = uidSet(uids.stream().mapToLong(Long::longValue).sorted().toArray());
		var responses = (Response[]) folder.doCommand(protocol -> {
			var answer = protocol.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
			protocol.notifyResponseHandlers(answer);
			protocol.handleResult(answer[answer.length - 1]);
			return answer;
		});
		var stored = new ArrayList<Long>();
		var arrivals = new ArrayList<Inbox.Arrival>();
		for (var response : responses) {
			if (response instanceof FetchResponse fetched && fetched.getItem(BODY.class) != null
					&& fetched.getItem(UID.class) != null && uids.contains(fetched.getItem(UID.class).uid)) {
				var raw = fetched.getItem(BODY.class).getByteArray();
				var uid = fetched.getItem(UID.class).uid;
				arrivals.add(new Inbox.Arrival(out -> out.write(raw.getBytes(), raw.getStart(), raw.getCount()), "IMAP",
						reference(uidValidity, uid)));
				stored.add(uid);
			}
		}
		if (!arrivals.isEmpty()) {
			inbox.store(arrivals);
		}
		return stored;
	}

	/** The messages waiting, lowest UID first. */
	private List<Waiting> unprocessed(IMAPFolder folder) throws MessagingException {
		var messages = settings.flags() ? folder.search(new FlagTerm(new Flags(PROCESSED_KEYWORD), false))
				: folder.getMessages();
		var profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		profile.add(FetchProfile.Item.FLAGS);
		profile.add(FetchProfile.Item.SIZE);
		folder.fetch(messages, profile);
		var waiting = new ArrayList<Waiting>();
		for (var message : messages) {
			// a message left \Deleted by a copy+expunge that was cut short is already
			// stored and copied;
			// one expunged by another client meanwhile has no UID (-1)
			var uid = message.isExpunged() ? -1 : folder.getUID(message);
			if (uid > 0 && !message.isSet(Flags.Flag.DELETED)) {
				waiting.add(new Waiting(uid, Math.max(message.getSize(), 0)));
			}
		}
		waiting.sort(Comparator.comparingLong(Waiting::uid));
		return waiting;
	}

	private void markProcessed(IMAPStore store, IMAPFolder folder, long[] uids) throws MessagingException {
		if (uids.length == 0) {
			return;
		}
		var set = uidSet(uids);
		if (settings.flags()) {
			uidCommand(folder, "STORE",
					new Argument().writeAtom(set).writeAtom("+FLAGS.SILENT").writeAtom("(" + PROCESSED_KEYWORD + ")"));
			return;
		}
		var processed = store.getFolder(settings.processedFolder());
		// another instance may create it at the same moment: what counts is that it
		// exists afterwards
		if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES) && !processed.exists()) {
			throw new MessagingException("Could not create the processed folder " + settings.processedFolder());
		}
		var target = BASE64MailboxEncoder.encode(processed.getFullName());
		if (!settings.alwaysCopies() && store.hasCapability("MOVE")) {
			uidCommand(folder, "MOVE", new Argument().writeAtom(set).writeString(target));
			return;
		}
		uidCommand(folder, "COPY", new Argument().writeAtom(set).writeString(target));
		uidCommand(folder, "STORE", new Argument().writeAtom(set).writeAtom("+FLAGS.SILENT").writeAtom("(\\Deleted)"));
		if (store.hasCapability("UIDPLUS")) {
			uidCommand(folder, "EXPUNGE", new Argument().writeAtom(set));
		}
		else {
			// only this batch sets \Deleted in the inbound folder (one batch at a time),
			// so plain EXPUNGE removes only ours
			folder.expunge();
		}
	}

	private static void uidCommand(IMAPFolder folder, String command, Argument arguments) throws MessagingException {
		folder.doCommand(protocol -> {
			var responses = protocol.command("UID " + command, arguments);
			protocol.notifyResponseHandlers(responses);
			protocol.handleResult(responses[responses.length - 1]);
			return null;
		});
	}

	/** UIDs as an IMAP set, with runs written as ranges: 3:7,9,12:13. */
	static String uidSet(long[] sorted) {
		var ranges = new java.util.ArrayList<String>();
		for (int i = 0; i < sorted.length;) {
			var start = i;
			while (i + 1 < sorted.length && sorted[i + 1] == sorted[i] + 1) {
				i++;
			}
			ranges.add(start == i ? String.valueOf(sorted[i]) : sorted[start] + ":" + sorted[i]);
			i++;
		}
		return String.join(",", ranges);
	}

	private String reference(long uidValidity, long uid) {
		return "imap:%s;uidvalidity=%d;uid=%d".formatted(settings.describe(), uidValidity, uid);
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
		if (settings.trustCertificate() != null && !settings.trustCertificate().isBlank()) {
			props.put("mail." + protocol + ".ssl.socketFactory",
					TrustedCertificate.socketFactory(settings.trustCertificate()));
			props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
		}
		return props;
	}

}
