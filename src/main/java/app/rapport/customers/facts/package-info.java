/** The rules that read facts out of a customer's own words; internal to the customers module. */
package app.rapport.customers.facts;
