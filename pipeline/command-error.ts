/** What the user asked cannot be done as asked: the CLI prints the message alone, no stack trace, and exits 1. */
export class CommandError extends Error {}
