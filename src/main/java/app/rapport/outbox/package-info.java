/**
 * Sending approved replies over SMTP exactly once: a queue with an undo window, a sender that records every
 * step, retries for temporary failures, and a stop (never a second send) when the outcome is unknown.
 */
package app.rapport.outbox;
