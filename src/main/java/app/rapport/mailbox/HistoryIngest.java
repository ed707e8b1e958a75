package app.rapport.mailbox;

import java.util.Collection;
import java.util.List;

/**
 * Takes in a folder's history (mail that was on the server before Rapport first read the folder) in batches, the
 * way an import does: each batch is stored, threaded, tied to its customers and indexed together, and history
 * gets no reply drafts. Implemented outside this module, by the module that can see threading, customers and the
 * index; a sync without it stores history one message at a time.
 */
public interface HistoryIngest {

    /**
     * Opens a run over one folder's history. Messages the live path stored in this sync are named in
     * {@code threadedFirst}: the run waits (briefly) until they are in their conversations, so the history read
     * after them joins those conversations instead of starting its own. {@code remaining} is how many messages of
     * the folder are still to be read, at most (it lets the run plan its indexing).
     */
    Run open(Collection<Long> threadedFirst, int remaining);

    /** One folder's history being read. */
    interface Run extends AutoCloseable {

        /**
         * Stores, threads and attributes a batch inside the caller's transaction (the caller moves its cursor in
         * the same transaction). The batch becomes searchable once that transaction commits.
         *
         * @return how many messages were newly stored
         */
        int store(List<MessageIngest.Prepared> batch);

        /** Makes everything stored so far searchable and durable in the index. */
        @Override
        void close();
    }
}
