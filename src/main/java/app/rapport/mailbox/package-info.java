/**
 * The shop's mailboxes: accounts, IMAP polling with a UID cursor per folder, the raw message store on disk,
 * MIME parsing, and the stored messages every other module reads.
 */
package app.rapport.mailbox;
