/** Exit codes: bad input (configuration, arguments, policy errors); the machine (disk, permissions) refused. */
export const EXIT_BAD_INPUT = 1;
export const EXIT_ENVIRONMENT_FAULT = 2;

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
export function describeFault(e: unknown, fallbackPath: string): string | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  const cause = err?.code !== undefined ? FILESYSTEM_CAUSES[err.code] : undefined;
  return cause === undefined ? undefined : `${err?.path ?? fallbackPath}: ${cause} (${err?.code})`;
}
