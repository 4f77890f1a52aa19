import * as fs from 'fs';
import * as path from 'path';
import { reportOrRethrow } from '../lib/facts/errors';

const ROOT = path.join(__dirname, '..');

/**
 * Writes generated files (paths relative to the project root) for `npm run <command>`, saying each
 * one; a file system that refuses is reported as every entry point reports it (lib/facts/errors.ts).
 */
export function writeGenerated(command: string, files: () => Record<string, string>): void {
  try {
    for (const [file, text] of Object.entries(files())) {
      fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
      fs.writeFileSync(path.join(ROOT, file), text);
      process.stdout.write(`wrote ${file}\n`);
    }
  } catch (e) {
    process.exitCode = reportOrRethrow(
      e,
      { inputPrefix: `npm run ${command}: `, faultPath: ROOT, fault: (fault) => `npm run ${command}: ${fault}` },
      (text) => process.stderr.write(text),
    );
  }
}
