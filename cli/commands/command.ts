export interface Command {
    /** One line for `voice --help`. */
    summary: string;
    /** Runs the command with its arguments; resolves to the process exit code. */
    run(args: string[]): Promise<number>;
}
