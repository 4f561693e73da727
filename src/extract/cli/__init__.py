"""The command line: subcommands, exit codes, and every message a user sees."""
