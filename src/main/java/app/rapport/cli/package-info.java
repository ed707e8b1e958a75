/** The command line of the same jar: one {@link app.rapport.cli.Command} bean per subcommand. */
package app.rapport.cli;
