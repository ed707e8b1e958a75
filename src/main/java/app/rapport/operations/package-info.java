/**
 * How Rapport is watched in production: health (each mailbox, the search index, the database) and metrics
 * (messages ingested, sync lag, drafts waiting, failed sends, outbox age). It reads every module; none uses it.
 */
package app.rapport.operations;
