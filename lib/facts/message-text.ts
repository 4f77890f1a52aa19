/**
 * Text from the user's input inside a message, quoted as JSON does, with every character outside
 * printable ASCII written as `\uXXXX`: an invisible or look-alike character then shows
 * (`"environ\u200bments"`, a Cyrillic `\u043e` in `envir\u043enments`) instead of hiding in a word
 * that reads right.
 */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
