import {
  CommandInputError,
  ConfigError,
  EXIT_BAD_INPUT,
  EXIT_ENVIRONMENT_FAULT,
  reportError,
  reportOrRethrow,
  ValidationError,
} from '../../lib/facts/errors';

// Every entry point reports through reportError: one wording per command, one rule for all.
const WORDING = { inputPrefix: 'cmd: ', faultPath: 'out/', fault: (f: string) => `cmd: cannot write: ${f}` };

test('bad input of any kind is one message with the command prefix and exit code 1', () => {
  for (const e of [
    new ValidationError('name: received "x"; expected y'),
    new ConfigError('f.yaml', ['a', 'b']),
    new CommandInputError('no environment given'),
  ]) {
    expect(reportError(e, WORDING)).toEqual({ code: EXIT_BAD_INPUT, text: `cmd: ${e.message}\n` });
  }
  expect(new ConfigError('f.yaml', ['a', 'b']).message).toBe('f.yaml: 2 problems\n  - a\n  - b');
});

test('a file system that refused is one line with the path and the cause, exit code 2', () => {
  const fault = Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/x/y' });
  expect(reportError(fault, WORDING)).toEqual({
    code: EXIT_ENVIRONMENT_FAULT,
    text: 'cmd: cannot write: /x/y: permission denied (EACCES)\n',
  });
  const pathless = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
  expect(reportError(pathless, WORDING)?.text).toBe('cmd: cannot write: out/: no space left on the device (ENOSPC)\n');
});

test('anything else is a bug: no report, so the caller rethrows it with its stack trace', () => {
  expect(reportError(new TypeError('x is undefined'), WORDING)).toBeUndefined();
  expect(reportError(Object.assign(new Error('odd'), { code: 'EWHATEVER' }), WORDING)).toBeUndefined();
});

test('an entry point prints the report and exits with its code; a bug is rethrown as it was', () => {
  const printed: string[] = [];
  const stderr = (text: string) => printed.push(text);
  expect(reportOrRethrow(new CommandInputError('no environment given'), WORDING, stderr)).toBe(EXIT_BAD_INPUT);
  expect(printed).toEqual(['cmd: no environment given\n']);
  const bug = new TypeError('x is undefined');
  expect(() => reportOrRethrow(bug, WORDING, stderr)).toThrow(bug);
  expect(printed).toHaveLength(1);
});
