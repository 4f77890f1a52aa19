import type { IConstruct } from 'constructs';

/**
 * Every error the app reports instead of crashing, and how each entry point (synth and check, values,
 * adopt, docs and schema) reports them:
 * - bad input the user can fix is one message and exit code 1; a file the user names (the
 *   configuration, the outputs, the answers) that is missing or cannot be read counts as such, and
 *   the loader, values and adopt say which file and why;
 * - any other file-system refusal (an output folder, a full disk, the repository's own files for
 *   docs and schema) is one line with the path and the cause and exit code 2;
 * - anything else is a bug and keeps its stack trace.
 * In the lowest layer, so that facts, constructs, config and commands throw the same classes (as
 * aws-cdk keeps its errors in one file).
 */

/** Exit codes: bad input (configuration, arguments, policy errors); the machine (disk, permissions) refused. */
export const EXIT_BAD_INPUT = 1;
export const EXIT_ENVIRONMENT_FAULT = 2;

/** Input the user can fix: the message names the setting or argument, the value received and what is expected. */
abstract class InputError extends Error {}

/**
 * A construct refused its props, or a value broke a naming rule. `scope`: the construct the error is
 * about; its path starts the message (as aws-cdk's ValidationError).
 */
export class ValidationError extends InputError {
  /** The construct path of the construct that refused its props, when one did. */
  readonly constructPath?: string;

  constructor(message: string, scope?: IConstruct) {
    super(scope ? `${scope.node.path}: ${message}` : message);
    this.name = 'ValidationError';
    this.constructPath = scope?.node.path;
  }
}

/** A configuration file that cannot be used, with every problem found in it. */
export class ConfigError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A command's arguments or input files (`npm run values`, `npm run adopt`) that cannot be used. */
export class CommandInputError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'CommandInputError';
  }
}

/** What the file system answered, in words, by error code. */
const FILESYSTEM_CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a path component is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of a file',
  EMFILE: 'too many open files',
  ENOENT: 'a folder on the way does not exist',
  ENAMETOOLONG: 'the path or one of its names is too long',
  ELOOP: 'too many symbolic links on the way (a link loop?)',
};

/** `path: cause (CODE)` for a file-system error, or undefined for anything else (a bug, which keeps its stack trace). */
function describeFault(e: unknown, fallbackPath: string): string | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  const cause = err?.code !== undefined ? FILESYSTEM_CAUSES[err.code] : undefined;
  return cause === undefined ? undefined : `${err?.path ?? fallbackPath}: ${cause} (${err?.code})`;
}

/** How one entry point words its errors. */
export interface ErrorWording {
  /** Put before an input error's message (`values: `, `Configuration error: `). */
  readonly inputPrefix: string;
  /** The path a file-system error names when it carries none. */
  readonly faultPath: string;
  /** The line for a file-system fault, from `path: cause (CODE)`. */
  readonly fault: (fault: string) => string;
}

/** The exit code and the stderr text for an error, or undefined for a bug (rethrow it). */
export function reportError(e: unknown, wording: ErrorWording): { readonly code: number; readonly text: string } | undefined {
  if (e instanceof InputError) return { code: EXIT_BAD_INPUT, text: `${wording.inputPrefix}${e.message}\n` };
  const fault = describeFault(e, wording.faultPath);
  return fault === undefined ? undefined : { code: EXIT_ENVIRONMENT_FAULT, text: `${wording.fault(fault)}\n` };
}

/** Reports an error on `stderr` and returns its exit code; a bug is rethrown and keeps its stack trace. */
export function reportOrRethrow(e: unknown, wording: ErrorWording, stderr: (text: string) => void): number {
  const report = reportError(e, wording);
  if (report === undefined) throw e;
  stderr(report.text);
  return report.code;
}
