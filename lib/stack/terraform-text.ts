import { isWrittenLiteral } from '../constructs/terraform-expressions';
import { markConfigText, quotedTemplateBody, templateParts, unicodeEscape, unmarkTemplate } from '../facts/terraform-templates';

/**
 * The two ends of config text's way through a stack. On the way in, every string of the environment
 * (values and keys) has its `$` and `%` marked, so none can form `${` or `%{`. On the way out, the
 * synthesized JSON (or the data the HCL writer renders) is checked and unmarked in one walk: every
 * string literal inside an expression must be one `hclString` wrote (no config text, nor any other
 * unescaped literal, can be written into expression text), and each mark becomes its character,
 * escaped where Terraform would read a template sequence.
 */

/** A copy of `value` with every string in it, keys included, passed through `f`. */
export function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapStrings(v, f)]));
  }
  return value;
}

/** The environment as the stack builds from it: config text marked. */
export function markedConfig<T>(config: T): T {
  return mapStrings(config, markConfigText) as T;
}

/** An internal error: an expression holds a string literal `hclString` did not write. */
export class UnescapedLiteralError extends Error {
  constructor(literal: string, template: string) {
    super(
      `expression text holds the string literal ${literal} (in ${template.slice(0, 200)}), which hclString did not write: ` +
        'data goes to Terraform as a local value (yamlEncoded), literals inside expressions through hclString',
    );
    this.name = 'UnescapedLiteralError';
  }
}

/** One string of the synthesized JSON, checked and unmarked: what Terraform reads as intended. */
export function terraformJsonText(text: string): string {
  // Most strings hold no template sequence at all: nothing to check, nothing to unmark.
  if (!/[{\uFDD0\uFDD1]/.test(text)) return text;
  for (const part of templateParts(text)) {
    if (part.kind !== 'expression') continue;
    for (const literal of part.strings) if (!isWrittenLiteral(literal)) throw new UnescapedLiteralError(literal, text);
  }
  return unmarkTemplate(text);
}

/**
 * One string as cdktf 0.21's HCL writer (lib/hcl/render.js) must get it to write a quoted string
 * that reads as `terraformJsonText` does in JSON: the writer puts quotes around it but escapes no
 * backslash, skips escaping quotes when the text holds `${`, turns a line break into a heredoc, and
 * in outputs and locals copies text that starts with `[` or `{`, or looks like an integer, as an
 * expression. So the body comes escaped, and such a first character as `\uNNNN`.
 */
export function hclText(text: string): string {
  const body = quotedTemplateBody(terraformJsonText(text));
  const fuzzy = /^[[{]/.test(body) || parseInt(body, 10).toString() === body;
  return fuzzy ? unicodeEscape(body[0]) + body.slice(1) : body;
}
