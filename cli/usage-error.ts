/** A problem with how the command was called (exit code 2), not with the input's content. */
export class UsageError extends Error {}
