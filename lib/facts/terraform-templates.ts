/**
 * How Terraform reads text. Every string of its JSON syntax and every quoted string of its native
 * syntax is a template: `${` opens an interpolation, `%{` a directive, and `$${` / `%%{` stand for
 * the two literally (hashicorp/hcl v2: hclsyntax/spec.md "Template Expressions", json/spec.md
 * "Expression Evaluation": a JSON string is parsed as a template). Inside an interpolation the text
 * is an expression, where a quoted string is a template again, with the escapes `\"`, `\\`, `\n`,
 * `\r`, `\t` and `\uNNNN` (hclsyntax/spec.md "Template Literals").
 */

/** A piece of a template: literal text (escapes as written) or an interpolation or directive with its source. */
export type TemplatePart =
  | { readonly kind: 'literal'; readonly source: string }
  | {
      readonly kind: 'expression';
      readonly source: string;
      /** The quoted string literals inside it, each as written (quotes included). */
      readonly strings: readonly string[];
    };

/** Text Terraform would not parse as a template (an unterminated interpolation or string). */
export class TemplateSyntaxError extends Error {
  constructor(message: string, text: string) {
    super(`${message} in ${JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}...` : text)}`);
    this.name = 'TemplateSyntaxError';
  }
}

const opensTemplate = (text: string, i: number) => (text[i] === '$' || text[i] === '%') && text[i + 1] === '{';
const escapesTemplate = (text: string, i: number) => text[i] === text[i + 1] && opensTemplate(text, i + 1);

/** Splits a template into literal text and the interpolations and directives Terraform evaluates. */
export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (escapesTemplate(text, i)) {
      literal += text.slice(i, i + 3);
      i += 3;
    } else if (opensTemplate(text, i)) {
      if (literal) parts.push({ kind: 'literal', source: literal });
      literal = '';
      const strings: string[] = [];
      const end = expressionEnd(text, i + 2, strings);
      parts.push({ kind: 'expression', source: text.slice(i, end + 1), strings });
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) parts.push({ kind: 'literal', source: literal });
  return parts;
}

/** Index of the `}` that closes the expression starting at `start`; collects its quoted strings. */
function expressionEnd(text: string, start: number, strings: string[]): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = quotedEnd(text, i, strings);
    } else if (c === '<' && text[i + 1] === '<') {
      throw new TemplateSyntaxError('a heredoc inside an interpolation (not written by this project)', text);
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new TemplateSyntaxError('an interpolation that is never closed', text);
}

/** Index of the `"` that closes the quoted string opening at `start`. */
function quotedEnd(text: string, start: number, strings: string[]): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (escapesTemplate(text, i)) {
      i += 2;
    } else if (opensTemplate(text, i)) {
      i = expressionEnd(text, i + 2, strings);
    } else if (c === '"') {
      strings.push(text.slice(start, i + 1));
      return i;
    }
  }
  throw new TemplateSyntaxError('a quoted string that is never closed', text);
}

/** `${` and `%{` written so that a template reads them as text. */
function escapeTemplateSequences(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** Escapes of a quoted string in native syntax, for the characters that need one. */
const QUOTED_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The body (between the quotes) of a quoted native-syntax string that reads as the same template as
 * `template` does in JSON syntax: literal text escaped, interpolations kept as they are. Control
 * characters and the two Unicode line separators are written as `\uNNNN`.
 */
export function quotedTemplateBody(template: string): string {
  return templateParts(template)
    .map((part) =>
      part.kind === 'expression'
        ? part.source
        : // eslint-disable-next-line no-control-regex -- control characters are what gets escaped
          part.source.replace(/["\\\u0000-\u001f\u007f\u2028\u2029]/g, (c) => QUOTED_ESCAPES[c] ?? unicodeEscape(c)),
    )
    .join('');
}

/** `\uNNNN` for one UTF-16 code unit. */
export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A quoted native-syntax string literal whose value is exactly `text` (no interpolation). */
export function quotedLiteral(text: string): string {
  return `"${quotedTemplateBody(escapeTemplateSequences(text))}"`;
}

/**
 * While text from the configuration file is inside the construct tree, its `$` and `%` are held as
 * these two Unicode noncharacters (U+FDD0-U+FDEF are "permanently reserved for internal use" and
 * never valid in interchange text; the config loader refuses them in a file). So no config text can
 * open or close `${` or `%{` anywhere, whatever code does with it (concatenate, JSON-encode, use it
 * as a key), and the stack's output step writes each one back as the character, escaped where
 * Terraform would otherwise read a template sequence.
 */
const CONFIG_TEXT_MARKS: Readonly<Record<'$' | '%', string>> = { $: '\uFDD0', '%': '\uFDD1' };

const MARKED = new RegExp(`[${CONFIG_TEXT_MARKS.$}${CONFIG_TEXT_MARKS['%']}]`, 'g');
const MARKED_RUN = new RegExp(`${CONFIG_TEXT_MARKS.$}+|${CONFIG_TEXT_MARKS['%']}+`, 'g');
const MARK_OF: Record<string, '$' | '%'> = { [CONFIG_TEXT_MARKS.$]: '$', [CONFIG_TEXT_MARKS['%']]: '%' };

/** Config text with its `$` and `%` marked. */
export function markConfigText(text: string): string {
  return text.replace(/[$%]/g, (c) => CONFIG_TEXT_MARKS[c as '$' | '%']);
}

/** Marked text back as plain text (for messages). */
export function unmarkConfigText(text: string): string {
  return text.replace(MARKED, (m) => MARK_OF[m]);
}

/**
 * A template (JSON string or quoted string body) with each marked character written so that
 * Terraform reads exactly that character. A run of marked `$` (or `%`) reads as itself unless what
 * follows could join it: before a `{` its last character is doubled (`$${` reads as `${`), and just
 * before an interpolation (directive) the code wrote, the run is written as one, `${"$$"}`, since
 * `$${x}` would read as text.
 */
export function unmarkTemplate(template: string): string {
  return template.replace(MARKED_RUN, (run: string, at: number) => {
    const c = MARK_OF[run[0]];
    const text = c.repeat(run.length);
    const next = template[at + run.length];
    if (next === '{') return text + c;
    if (next === c && template[at + run.length + 1] === '{') return `\${"${text}"}`;
    return text;
  });
}
