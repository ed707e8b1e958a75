/**
 * Recall of the shop's history: a Lucene index of every message (sender, recipients, subject, text, date,
 * conversation, customer), derived from the stored messages and rebuildable from them at any time.
 */
package app.rapport.recall;
