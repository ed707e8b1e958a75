/**
 * Conversations: which messages belong together, from Message-ID, In-Reply-To and References, however late
 * or out of order the messages arrive.
 */
package app.rapport.threading;
