/** The owner's web inbox: login, conversations, the draft editor, search, and the mailbox's status. */
package app.rapport.web;
