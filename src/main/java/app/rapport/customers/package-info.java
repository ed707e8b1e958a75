/**
 * Who the shop writes with: each sender becomes a customer with a name to greet them by, and what Rapport
 * remembers about them, each fact with the sentence and message it came from.
 */
package app.rapport.customers;
