package app.rapport.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.drafting.Draft;
import app.rapport.drafting.Drafts;
import app.rapport.drafting.ReplyDecision;
import app.rapport.drafting.ReplyDecisions;
import app.rapport.mailbox.Attachment;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MessageContent;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.Quarantine;
import app.rapport.mailbox.StoredMessage;
import app.rapport.outbox.OutboxState;
import app.rapport.outbox.Outbox;
import app.rapport.outbox.OutgoingReply;
import app.rapport.threading.Conversation;
import app.rapport.threading.Conversations;

/** Puts together what the inbox and conversation pages show, from every module's own records. */
@Service
class InboxViews {

    static final int PAGE = 50;

    enum Tab {
        ANSWER("To answer"), OUTBOX("Outbox"), SENT("Sent"), SKIPPED("No reply needed"), ALL("All conversations");

        final String label;

        Tab(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String param() {
            return name().toLowerCase();
        }
    }

    record TabCount(Tab tab, long count, boolean active) {
    }

    /** One line of the inbox. {@code badgeKind} picks the badge's colour: draft, sending, sent, problem, quiet. */
    record Row(long conversationId, String who, String subject, String snippet, Instant at, String badge,
               String badgeKind) {
    }

    /**
     * One message as the conversation page shows it. {@code heldBack} counts the remote images and styles of its
     * HTML that are not loaded until the owner allows them.
     */
    record MessageView(StoredMessage message, String who, boolean fromShop, String quoted, ReplyDecision decision,
                       List<Attachment> attachments, int heldBack, boolean remoteAllowed) {
    }

    /** Everything the inbox page shows that comes from the database. */
    record InboxPage(List<TabCount> tabs, List<Row> rows, List<Quarantine.Entry> quarantined, long quarantineCount) {

        boolean hasNext() {
            return rows.size() == PAGE;
        }
    }

    record ConversationPage(Conversation conversation, Optional<Customer> customer, List<MessageView> messages,
                            Optional<Draft> draft, List<OutgoingReply> replies) {
    }

    private static final List<OutboxState> IN_OUTBOX = List.of(OutboxState.QUEUED, OutboxState.SENDING,
            OutboxState.RETRYING, OutboxState.FAILED, OutboxState.UNKNOWN);

    private final Conversations conversations;
    private final Messages messages;
    private final Customers customers;
    private final Drafts drafts;
    private final ReplyDecisions decisions;
    private final Outbox outbox;
    private final MessageContent content;
    private final RemoteContentAllowances allowances;
    private final Quarantine quarantine;
    private final ViewCache<InboxKey, InboxPage> inboxPages;
    private final ViewCache<Long, ConversationPage> conversationPages;

    private record InboxKey(Tab tab, int page) {
    }

    InboxViews(Conversations conversations, Messages messages, Customers customers, Drafts drafts,
               ReplyDecisions decisions, Outbox outbox, MessageContent content, RemoteContentAllowances allowances,
               Quarantine quarantine, DataVersion version) {
        this.quarantine = quarantine;
        this.inboxPages = new ViewCache<>(version, 64);
        this.conversationPages = new ViewCache<>(version, 16);
        this.content = content;
        this.allowances = allowances;
        this.conversations = conversations;
        this.messages = messages;
        this.customers = customers;
        this.drafts = drafts;
        this.decisions = decisions;
        this.outbox = outbox;
    }

    /** The inbox as of the last committed change; built again only after something changed. */
    InboxPage inbox(Tab tab, int page) {
        int from = Math.max(0, page);
        return inboxPages.get(new InboxKey(tab, from), () -> new InboxPage(tabs(tab), rows(tab, from),
                quarantine.latest(20), quarantine.count()));
    }

    List<TabCount> tabs(Tab active) {
        return List.of(
                new TabCount(Tab.ANSWER, drafts.countOpen(), active == Tab.ANSWER),
                new TabCount(Tab.OUTBOX, outbox.countInStates(IN_OUTBOX), active == Tab.OUTBOX),
                new TabCount(Tab.SENT, outbox.countInStates(List.of(OutboxState.SENT)), active == Tab.SENT),
                new TabCount(Tab.SKIPPED, decisions.countSkipped(), active == Tab.SKIPPED),
                new TabCount(Tab.ALL, conversations.count(), active == Tab.ALL));
    }

    List<Row> rows(Tab tab, int page) {
        int offset = Math.max(0, page) * PAGE;
        return switch (tab) {
            case ANSWER -> drafts.open(offset, PAGE).stream()
                    .map(d -> row(d.conversationId(), d.replyToMessageId(), "Draft ready", "draft")).toList();
            case OUTBOX -> outbox.inStates(IN_OUTBOX, offset, PAGE).stream()
                    .map(r -> row(r.conversationId(), null, OutboxLabels.label(r.state()), OutboxLabels.kind(r.state())))
                    .toList();
            case SENT -> outbox.inStates(List.of(OutboxState.SENT), offset, PAGE).stream()
                    .map(r -> row(r.conversationId(), null, "Sent", "sent")).toList();
            case SKIPPED -> decisions.skipped(offset, PAGE).stream()
                    .map(d -> skippedRow(d)).flatMap(Optional::stream).toList();
            case ALL -> conversations.page(offset, PAGE).stream()
                    .map(c -> row(c, null, c.messageCount() + (c.messageCount() == 1 ? " message" : " messages"), "quiet"))
                    .toList();
        };
    }

    private Optional<Row> skippedRow(ReplyDecision d) {
        return conversations.conversationOf(d.messageId())
                .map(c -> row(c, d.messageId(), "No reply needed", "quiet"));
    }

    private Row row(long conversationId, Long focusMessage, String badge, String kind) {
        return row(conversations.expect(conversationId), focusMessage, badge, kind);
    }

    private Row row(Conversation c, Long focusMessage, String badge, String kind) {
        long conversationId = c.id();
        List<Long> ids = conversations.messageIds(conversationId);
        StoredMessage latest;
        if (focusMessage != null) {
            latest = messages.expect(focusMessage);
        } else {
            latest = messages.latest(ids).orElseThrow(
                    () -> new IllegalStateException("conversation " + conversationId + " has no messages"));
        }
        String who = customers.ofMessages(ids).map(Customer::name).orElse(latest.sender());
        return new Row(c.id(), who, c.subject(), snippet(latest.newText()), c.lastMessageAt(), badge, kind);
    }

    /** A conversation as of the last committed change; built again only after something changed. */
    ConversationPage conversation(long id) {
        return conversationPages.get(id, () -> readConversation(id));
    }

    private ConversationPage readConversation(long id) {
        Conversation c = conversations.expect(id);
        List<Long> ids = conversations.messageIds(id);
        Map<Long, ReplyDecision> decided = decisions.forMessages(ids).stream()
                .collect(Collectors.toMap(ReplyDecision::messageId, Function.identity()));
        List<MessageView> views = new ArrayList<>();
        for (StoredMessage m : messages.byIds(ids)) {
            String quoted = m.text().startsWith(m.newText()) ? m.text().substring(m.newText().length()).strip() : "";
            boolean remoteAllowed = m.hasHtml() && allowances.allowed(m.id(), m.fromAddress());
            // One read of the raw message serves both its attachments and, while images are held back, their count.
            MessageContent.Parts parts = content.parts(m, !remoteAllowed);
            int heldBack = parts.html().map(h -> MailHtml.clean(h, false).blockedRemote()).orElse(0);
            views.add(new MessageView(m, m.sender(), m.direction() == Direction.OUTBOUND, quoted, decided.get(m.id()),
                    parts.attachments(), heldBack, remoteAllowed));
        }
        return new ConversationPage(c, customers.ofMessages(ids), views, drafts.latestFor(id), outbox.forConversation(id));
    }

    static String snippet(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 140 ? flat : flat.substring(0, 139) + "…";
    }
}
