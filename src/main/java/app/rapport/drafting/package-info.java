/**
 * Drafting replies: whether a message needs one, what it does (intents with confidence), and a draft in the
 * owner's voice from the templates in {@code mail-templates/} (or an optional model), with personal touches from
 * remembered facts and their sources, which the owner edits and approves or discards.
 */
package app.rapport.drafting;
