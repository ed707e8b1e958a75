package app.rapport.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.drafting.DraftBasis;
import app.rapport.drafting.Drafts;
import app.rapport.drafting.IntentScore;
import app.rapport.drafting.Touch;
import app.rapport.mailbox.Messages;
import app.rapport.threading.Conversation;
import app.rapport.threading.Conversations;

/** What the draft editor shows beside a draft: what it was based on, and where each personal touch came from. */
@Component("draftBasisViews")
public class DraftBasisViews {

    public record TouchView(Touch touch, String sourceHref, String sourceSubject) {
    }

    public record Related(long conversationId, String subject) {
    }

    public record BasisView(DraftBasis basis, List<String> intents, List<TouchView> touches, List<Related> related) {
    }

    private final Drafts drafts;
    private final Conversations conversations;
    private final Messages messages;

    DraftBasisViews(Drafts drafts, Conversations conversations, Messages messages) {
        this.drafts = drafts;
        this.conversations = conversations;
        this.messages = messages;
    }

    public BasisView of(long draftId) {
        DraftBasis basis = drafts.basis(draftId);
        List<TouchView> touches = new ArrayList<>();
        for (Touch t : basis.touches()) {
            if (t.removed()) {
                continue;
            }
            String href = null;
            String subject = null;
            if (t.messageId() != null) {
                Long conversation = conversations.conversationOf(t.messageId()).orElse(null);
                subject = messages.find(t.messageId()).map(m -> m.subject()).orElse(null);
                if (conversation != null) {
                    href = "/conversations/" + conversation + (t.factId() == null ? "" : "?fact=" + t.factId())
                            + "#m" + t.messageId();
                }
            }
            touches.add(new TouchView(t, href, subject));
        }
        List<Related> related = basis.related().stream()
                .map(id -> new Related(id, conversations.find(id).map(Conversation::subject).orElse("(conversation " + id + ")")))
                .toList();
        return new BasisView(basis, basis.intents().stream().map(IntentScore::label).toList(), touches, related);
    }
}
