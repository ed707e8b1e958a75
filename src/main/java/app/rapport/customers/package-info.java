/** Who the shop writes with: each sender becomes a customer with a name to greet them by. */
package app.rapport.customers;
