/** The command line of the same jar: {@code search} and {@code reindex} over the data directory. */
package app.rapport.cli;
