/**
 * JSON documents that synthesized configurations carry as text with Terraform expressions in them: IAM and resource
 * policies, OpenAPI bodies. cdktf writes them in one of two ways:
 *
 * - `JSON.stringify(value)`: JSON text whose strings may hold `${...}` tokens
 *   (`{"Resource":"${aws_s3_bucket.b.arn}"}`). It is still JSON: parsed as it is.
 * - `Fn.jsonencode(value)`: one `${jsonencode({...})}` expression, the value written as an HCL literal
 *   (`{"Statement" = [{"Action" = "*", "Resource" = aws_s3_bucket.b.arn}]}`). Terraform evaluates it at plan time;
 *   here the literal is read by {@link readJsonencode}.
 *
 * Either way the structure of the document is known and only the values computed by expressions are not: they come
 * back as `${...}` strings, which rules treat as unknown values like any other token.
 */
import { STEPS } from "./substitution";

export interface JsonText {
  readonly value: unknown;
}

/**
 * The JSON value a synthesized text stands for, or undefined when it is neither of the two shapes above. Not cached:
 * callers keep what they derive from it.
 */
export function jsonOfText(text: string): JsonText | undefined {
  if (JSON_START.test(text)) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return undefined;
    }
  }
  if (!JSONENCODE_START.test(text)) return undefined;
  const value = readJsonencode(text);
  return value === UNREADABLE ? undefined : { value };
}

const JSON_START = /^\s*[{[]/;
const JSONENCODE_START = /^\$\{\s*jsonencode\s*\(/;

/** What {@link readJsonencode} returns for a text it cannot read. */
export const UNREADABLE: unique symbol = Symbol("unreadable");

/**
 * The value of a text that is exactly one `${jsonencode(<literal>)}` expression, as cdktf renders `Fn.jsonencode`:
 * objects `{"key" = value, ...}` (`:` and bare keys are read too), tuples `[a, b]`, quoted template strings, numbers,
 * `true`, `false`, `null`. Any other expression inside (a reference such as `aws_lambda_function.f.invoke_arn`, a
 * function call, a conditional) becomes the string `${<expression>}`; a string with `${...}` interpolations keeps
 * them. {@link UNREADABLE} when the text has another shape: text around the call, an argument that is not a literal
 * (`jsonencode(local.policy)`), or a string Terraform itself would reject (cdktf does not escape the quotes and
 * backslashes inside strings, so `"say "hi""` cannot be read).
 */
export function readJsonencode(text: string): unknown {
  const m = JSONENCODE_START.exec(text);
  if (m === null) return UNREADABLE;
  const reader = new LiteralReader(text, m[0].length);
  try {
    reader.skipSpace();
    const c = reader.peek();
    if (c !== "{" && c !== "[") return UNREADABLE;
    const value = reader.value();
    // A `{ for ... }` expression is read as one `${...}` string: not a literal.
    if (typeof value === "string") return UNREADABLE;
    reader.skipSpace();
    reader.expect(")");
    reader.skipSpace();
    reader.expect("}");
    if (reader.pos !== text.length) return UNREADABLE;
    return value;
  } catch (e) {
    // A RangeError is a literal nested deeper than the stack allows: not a document a rule can judge.
    if (e instanceof Unreadable || e instanceof RangeError) return UNREADABLE;
    throw e;
  }
}

/** A function call read from its text (see {@link readCall}). */
export interface Call {
  readonly name: string;
  /** The arguments, read like a jsonencode argument: references and nested calls become `${...}` strings. */
  readonly args: readonly unknown[];
}

const CALL_START = /^\$\{\s*([a-z][a-z0-9_]*)\s*\(/;

/**
 * A text that is exactly one `${name(arg, ...)}` function call, as cdktf renders `Fn.concat`, `Fn.lookup` and the
 * other `Fn` functions. {@link UNREADABLE} for any other shape (operators around the call, a trailing `...`).
 */
export function readCall(text: string): Call | typeof UNREADABLE {
  const m = CALL_START.exec(text);
  if (m === null) return UNREADABLE;
  const reader = new LiteralReader(text, m[0].length);
  try {
    const args: unknown[] = [];
    reader.skipSpace();
    if (reader.peek() !== ")") {
      for (;;) {
        args.push(reader.value());
        reader.skipSpace();
        if (reader.peek() !== ",") break;
        reader.expect(",");
      }
    }
    reader.expect(")");
    reader.skipSpace();
    reader.expect("}");
    if (reader.pos !== text.length) return UNREADABLE;
    // `f(list...)` expands its last argument: not read.
    if (args.some((a) => typeof a === "string" && a.endsWith("...}"))) return UNREADABLE;
    return { name: m[1], args };
  } catch (e) {
    if (e instanceof Unreadable || e instanceof RangeError) return UNREADABLE;
    throw e;
  }
}

/** A `[for ...]` expression read from its text (see {@link readForList}). */
export interface ForList {
  /** The key variable (`key` in `for key, val in ...`), if the expression names one. */
  readonly keyName: string | undefined;
  /** The element variable (`val`). */
  readonly valueName: string;
  /** The collection: a literal (an HCL tuple or object, read like a jsonencode argument), or a `local.<name>` reference. */
  readonly collection: { readonly literal: unknown } | { readonly local: string };
  /** True when the collection is converted with `toset(...)`. */
  readonly set: boolean;
  /** The element template, read like a jsonencode argument: references in it become `${...}` strings. */
  readonly body: unknown;
}

const FOR_START = /^\$\{\s*\[\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s+/;
const CONVERSION = /(toset|tolist)\s*\(/y;
const LOCAL_REFERENCE = new RegExp(String.raw`local\.[A-Za-z_][\w-]*${STEPS}`, "y");

/**
 * A text that is exactly one `${[for k, v in <collection> : <template>]}` expression, as cdktf renders an iterator
 * over a list or map for attribute blocks (`TerraformIterator.fromList([...])` given to security group `ingress`). The
 * collection must be written out (a tuple or object literal, optionally in `toset(...)` or `tolist(...)`) or be a
 * `local.<name>` reference. {@link UNREADABLE} for any other shape, an `if` clause included.
 */
export function readForList(text: string): ForList | typeof UNREADABLE {
  const m = FOR_START.exec(text);
  if (m === null) return UNREADABLE;
  const reader = new LiteralReader(text, m[0].length);
  try {
    const { collection, set } = reader.collection();
    reader.skipSpace();
    reader.expect(":");
    const start = reader.pos;
    const body = reader.value();
    // A template written without brackets runs to the `]`: an `if` clause would be read as part of it.
    if (typeof body === "string" && /\sif\s/.test(text.slice(start, reader.pos))) return UNREADABLE;
    reader.skipSpace();
    reader.expect("]");
    reader.skipSpace();
    reader.expect("}");
    if (reader.pos !== text.length) return UNREADABLE;
    return { keyName: m[2] === undefined ? undefined : m[1], valueName: m[2] ?? m[1], collection, set, body };
  } catch (e) {
    if (e instanceof Unreadable || e instanceof RangeError) return UNREADABLE;
    throw e;
  }
}

class Unreadable extends Error {}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const FOR_EXPRESSION = /\s*for\s/y;
const BARE_END: readonly string[] = [",", "}", "]", ")", "\n"];
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** A cursor over an HCL literal. Methods throw `Unreadable` on anything they do not expect. */
class LiteralReader {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  expect(c: string): void {
    if (this.text[this.pos] !== c) throw new Unreadable();
    this.pos++;
  }

  /** The collection of a `for` expression, up to the `:` that follows it. */
  collection(): { collection: ForList["collection"]; set: boolean } {
    this.skipSpace();
    CONVERSION.lastIndex = this.pos;
    const conversion = CONVERSION.exec(this.text);
    if (conversion === null) return { collection: this.collectionValue(), set: false };
    this.pos = CONVERSION.lastIndex;
    const collection = this.collectionValue();
    this.skipSpace();
    this.expect(")");
    return { collection, set: conversion[1] === "toset" };
  }

  private collectionValue(): ForList["collection"] {
    this.skipSpace();
    const c = this.peek();
    if (c === "[" || c === "{") {
      const literal = this.value();
      if (typeof literal === "string") throw new Unreadable();
      return { literal };
    }
    LOCAL_REFERENCE.lastIndex = this.pos;
    const local = LOCAL_REFERENCE.exec(this.text);
    if (local === null) throw new Unreadable();
    this.pos = LOCAL_REFERENCE.lastIndex;
    return { local: local[0] };
  }

  value(): unknown {
    this.skipSpace();
    const c = this.peek();
    // `{ for ... }` and `[ for ... ]` are expressions, not literals.
    if (c === "{" || c === "[") {
      FOR_EXPRESSION.lastIndex = this.pos + 1;
      if (!FOR_EXPRESSION.test(this.text)) return c === "{" ? this.object() : this.tuple();
    }
    if (c === '"') return this.string();
    return this.bare();
  }

  private object(): Record<string, unknown> {
    this.expect("{");
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.peek() === "}") break;
      const key = this.key();
      this.skipSpace();
      const sep = this.peek();
      if (sep !== "=" && sep !== ":") throw new Unreadable();
      this.pos++;
      out[key] = this.value();
      if (!this.separator("}")) break;
    }
    this.expect("}");
    return out;
  }

  private tuple(): unknown[] {
    this.expect("[");
    const out: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === "]") break;
      out.push(this.value());
      if (!this.separator("]")) break;
    }
    this.expect("]");
    return out;
  }

  /** After an element: true when a comma (or a newline) leads to another one, false at `close`. */
  private separator(close: string): boolean {
    const start = this.pos;
    this.skipSpace();
    const c = this.peek();
    if (c === ",") {
      this.pos++;
      return true;
    }
    if (c === close) return false;
    // HCL also separates elements by newlines.
    if (this.text.slice(start, this.pos).includes("\n")) return true;
    throw new Unreadable();
  }

  private key(): string {
    if (this.peek() === '"') return this.string();
    const start = this.pos;
    while (this.pos < this.text.length && /[A-Za-z0-9_-]/.test(this.text[this.pos])) this.pos++;
    const key = this.text.slice(start, this.pos);
    if (!BARE_KEY.test(key)) throw new Unreadable();
    return key;
  }

  /** A quoted template: escapes decoded, `${...}` interpolations and `$${` escapes kept as written. */
  private string(): string {
    const text = this.text;
    this.expect('"');
    let out = "";
    for (;;) {
      const c = text[this.pos];
      if (c === undefined || c === "\n") throw new Unreadable();
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const e = text[this.pos + 1];
        if (e === "u" || e === "U") {
          const n = e === "u" ? 4 : 8;
          const hex = text.slice(this.pos + 2, this.pos + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Unreadable();
          out += String.fromCodePoint(parseInt(hex, 16));
          this.pos += 2 + n;
          continue;
        }
        const decoded = ESCAPES[e];
        if (decoded === undefined) throw new Unreadable();
        out += decoded;
        this.pos += 2;
        continue;
      }
      if ((c === "$" || c === "%") && text[this.pos + 1] === c && text[this.pos + 2] === "{") {
        out += `${c}${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === "$" || c === "%") && text[this.pos + 1] === "{") {
        const start = this.pos;
        this.pos += 2;
        this.skipTo(["}"], false);
        this.pos++;
        out += text.slice(start, this.pos);
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  /**
   * Moves to the next `stop` character outside brackets and quoted strings (the end of an interpolation or of a bare
   * expression), without passing it. With `bare`, an `=` outside brackets (not part of `==`, `!=`, `<=`, `>=`, `=>`)
   * is a missing separator between two attributes, which no expression holds.
   */
  private skipTo(stop: readonly string[], bare: boolean): void {
    const text = this.text;
    let depth = 0;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (depth === 0 && stop.includes(c)) return;
      if (c === '"') {
        this.string();
        continue;
      }
      if (bare && depth === 0 && c === "=" && !"=!<>".includes(text[this.pos - 1]) && !"=>".includes(text[this.pos + 1] ?? "")) throw new Unreadable();
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) throw new Unreadable();
        depth--;
      }
      this.pos++;
    }
    throw new Unreadable();
  }

  /** A value written without quotes: a number, `true`, `false`, `null`, or an expression kept as `${...}`. */
  private bare(): unknown {
    const start = this.pos;
    this.skipTo(BARE_END, true);
    const token = this.text.slice(start, this.pos).trim();
    if (token === "") throw new Unreadable();
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    if (NUMBER.test(token)) return Number(token);
    return `\${${token}}`;
  }
}
