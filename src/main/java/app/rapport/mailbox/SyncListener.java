package app.rapport.mailbox;

/** Hears how far a sync got, batch by batch: for progress bars and the command line. */
public interface SyncListener {

    SyncListener NONE = new SyncListener() {
    };

    /**
     * A batch of a folder is stored and the cursor has moved past it.
     *
     * @param fetched   messages newly stored from this folder in this sync so far
     * @param uidsDone  how much of the folder's UID range is read
     * @param uidsTotal the folder's whole UID range
     */
    default void batchDone(String account, String folder, int fetched, long uidsDone, long uidsTotal) {
    }

    /** A folder is done for this sync. */
    default void folderDone(String account, String folder, int fetched, long messagesInFolder) {
    }
}
