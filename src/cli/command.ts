/** What every `logto-ses` command is: its help text and a run that resolves to the exit code. */
export type Command = {
  name: string;
  /** One line for the tool's help. */
  summary: string;
  help: string;
  run: (args: string[]) => Promise<number>;
};

export const exitCodes = {
  success: 0,
  /** The send failed, a check failed, the preview could not render. */
  failure: 1,
  /** Bad flags or an unreadable config: nothing was tried. */
  usage: 2,
} as const;

/** A mistake in the command line or the config file itself; reported with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}
