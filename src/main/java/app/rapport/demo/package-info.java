/**
 * The demo: with no mailbox configured, an embedded mail server (IMAP + SMTP) is started and seeded with a
 * small shoemaker's mail, so Rapport can be tried with one command.
 */
package app.rapport.demo;
