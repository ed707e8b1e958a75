/**
 * Drafting replies: whether a message needs one, what it is about, and a draft rendered from the owner's
 * templates in {@code mail-templates/}, which the owner edits and approves or discards.
 */
package app.rapport.drafting;
