import { Fn, IResolvable, IResolveContext, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { quotedLiteral } from '../facts/terraform-templates';

/**
 * The only ways text reaches Terraform expression text. cdktf 0.21 writes a string given to an
 * `Fn.*` function between quotes, escaping newlines and `${` but not `"`, `\` or `%{`
 * (lib/tfExpression.js, escapeString), and object keys not at all: a `"` in a value would end the
 * string and the rest would be code. So data goes to Terraform as a local value (plain JSON data)
 * that the expression references, and a literal inside an expression is written by `hclString`.
 * The stack checks, at every synth, that expression text holds no other string literal
 * (see `isWrittenLiteral`).
 */

/** Every literal `hclString` wrote, as written; `""` is in no danger of carrying anything. */
const written = new Set<string>(['""']);

/** Whether `source` (a quoted string, quotes included) is one that `hclString` wrote. */
export function isWrittenLiteral(source: string): boolean {
  return written.has(source);
}

/** A string literal that is written out exactly as given, inside an expression or as a whole value. */
class QuotedLiteral implements IResolvable {
  readonly creationStack: string[] = [];
  constructor(private readonly source: string) {}

  resolve(context: IResolveContext): string {
    // Inside a function call cdktf sets suppressBraces; as a value of its own the literal needs them.
    return context.suppressBraces ? this.source : `\${${this.source}}`;
  }

  toString(): string {
    return Token.asString(this);
  }
}

/** `text` as a string literal for an expression argument: every character escaped as Terraform needs. */
export function hclString(text: string): string {
  const source = quotedLiteral(text);
  written.add(source);
  return Token.asString(new QuotedLiteral(source));
}

/**
 * `data` rendered as YAML by Terraform at apply: the data is a local value (`id` names it, unique in
 * `scope`), so the expression holds a reference, never the data's strings.
 */
export function yamlEncoded(scope: Construct, id: string, data: unknown): string {
  return Fn.yamlencode(new TerraformLocal(scope, id, data).expression);
}

/** YAML documents joined into one multi-document stream. */
export function yamlStream(documents: readonly string[]): string {
  return Fn.join(hclString('---\n'), [...documents]);
}
