import { InputError } from "./input-error";

/**
 * Deepest nesting of arrays and objects the engine reads. Terraform JSON written by cdktf nests a few dozen levels at
 * most; deeper input is refused rather than left to overflow the call stack of a rule.
 */
export const MAX_NESTING = 256;

/**
 * Parses JSON text as `JSON.parse` does, refusing input nested deeper than `MAX_NESTING`. `file` names the input in
 * the messages of the `InputError`s it throws. Returns the value and how many object keys it holds.
 */
export function parseJson(text: string, file: string): { value: unknown; keys: number } {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  return { value, keys: countKeys(value, file) };
}

/**
 * Reads Terraform JSON text (a `cdk.tf.json` or `*.tf.json`) as Terraform does. `JSON.parse` keeps only the last of
 * repeated keys; HCL's JSON syntax gives them a meaning, so a text that repeats a key is read again with every
 * occurrence kept:
 *
 * - a repeated block key (`"resource"` at the top level, a resource type under it, a nested block type such as
 *   `"ingress"` in a resource body) holds every block: the occurrences become one array, as if written as one;
 * - a repeated resource or data source name, a repeated local value and a repeated attribute (a key whose values are
 *   not all objects or arrays of objects) are errors in Terraform, and an `InputError` here;
 * - a repeated `"//"` metadata key is refused, since the suppressions it carries would be ambiguous.
 *
 * `parsed` is the result of `parseJson` on the same text: a text without repeated keys is not read twice.
 */
export function terraformJson(text: string, file: string, parsed: { value: unknown; keys: number }): unknown {
  if (keyTokens(text) === parsed.keys) return parsed.value;
  return resolveRepeated(new RepeatingParser(text, file).document(), file);
}

/** `terraformJson` of text not parsed yet: Terraform JSON text read as Terraform reads it (see `terraformJson`). */
export function readTerraformJson(text: string, file: string): unknown {
  return terraformJson(text, file, parseJson(text, file));
}

/**
 * An upper bound of the number of object keys written in valid JSON text. Every key is a string whose closing quote,
 * a `"` after an even number of backslashes (inside a string a quote is escaped, and outside one there are no
 * backslashes), is followed by a colon, perhaps after white space. Only a string that begins with a colon (perhaps
 * after white space) adds to the count too, so nothing is missed; when the bound equals the keys `JSON.parse` kept, no
 * key was repeated. One pass over the quotes of the text.
 */
export function keyTokens(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) {
    let c = text.charCodeAt(i + 1);
    if (c !== COLON) {
      if (!isSpace(c)) continue;
      let j = i + 1;
      while (isSpace(c)) c = text.charCodeAt(++j);
      if (c !== COLON) continue;
    }
    if (text.charCodeAt(i - 1) === BACKSLASH) {
      let run = 1;
      while (text.charCodeAt(i - 1 - run) === BACKSLASH) run++;
      if (run % 2 === 1) continue;
    }
    n++;
  }
  return n;
}

const COLON = 58;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Keys of the objects in `value`; throws `InputError` when it nests deeper than `MAX_NESTING`. Iterative, so that
 * nesting is measured before anything recurses into it.
 */
function countKeys(value: unknown, file: string): number {
  if (typeof value !== "object" || value === null) return 0;
  const pending: object[] = [value];
  const depths: number[] = [0];
  let n = 0;
  while (pending.length > 0) {
    const v = pending.pop() as Record<string, unknown> | unknown[];
    const depth = (depths.pop() as number) + 1;
    if (depth > MAX_NESTING) throw new InputError(`${file}: nested more than ${MAX_NESTING} levels deep; no Terraform input nests that deep`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const e = v[i] as unknown;
        if (typeof e === "object" && e !== null) {
          pending.push(e);
          depths.push(depth);
        }
      }
      continue;
    }
    for (const k in v) {
      n++;
      const e = v[k];
      if (typeof e === "object" && e !== null) {
        pending.push(e);
        depths.push(depth);
      }
    }
  }
  return n;
}

/** Every value given to a key that an object repeats, in the order written. */
class Repeated {
  constructor(readonly values: unknown[]) {}
}

/** A JSON parser that keeps the values of repeated keys (as `Repeated`). Runs only on text `JSON.parse` accepted. */
class RepeatingParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): unknown {
    const v = this.value();
    this.space();
    if (this.pos !== this.text.length) this.fail();
    return v;
  }

  private value(): unknown {
    this.space();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    NUMBER_OR_LITERAL.lastIndex = this.pos;
    const m = NUMBER_OR_LITERAL.exec(this.text);
    if (m === null) this.fail();
    this.pos += m[0].length;
    return JSON.parse(m[0]) as unknown;
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      const key = this.string();
      this.space();
      this.expect(":");
      const value = this.value();
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        const prev = out[key];
        if (prev instanceof Repeated) prev.values.push(value);
        else out[key] = new Repeated([prev, value]);
      } else {
        // `__proto__` is an ordinary key in JSON, as `JSON.parse` reads it.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      this.space();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      this.expect("}");
      return out;
    }
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      this.expect("]");
      return out;
    }
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (m === null) this.fail();
    this.pos += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  private space(): void {
    SPACE.lastIndex = this.pos;
    if (SPACE.exec(this.text) !== null) this.pos = SPACE.lastIndex;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail();
    this.pos++;
  }

  private fail(): never {
    throw new InputError(`${this.file}: malformed JSON at position ${this.pos}`);
  }
}

const STRING = /"(?:[^"\\]|\\.)*"/y;
const SPACE = /[ \t\n\r]+/y;
const NUMBER_OR_LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** What the keys of an object are, by where it sits in a Terraform configuration. */
type Place = "root" | "types" | "names" | "body" | "locals" | "value";

/** The top-level keys whose objects are keyed by resource type, then by name. */
const LABELLED = new Set(["resource", "data"]);

/** The parsed tree with every `Repeated` resolved as Terraform reads the key in its place. */
function resolveRepeated(tree: unknown, file: string): unknown {
  return resolve(tree, "root", [], file);
}

function resolve(v: unknown, place: Place, at: readonly string[], file: string): unknown {
  if (Array.isArray(v)) return v.map((e) => resolve(e, place, at, file));
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    const path = [...at, key];
    const inner = innerPlace(place, key);
    let value = o[key];
    if (value instanceof Repeated) value = repeatedValue(value.values, place, path, file);
    o[key] = resolve(value, inner, path, file);
  }
  return o;
}

/** Where the value of `key` sits, given where its object sits. */
function innerPlace(place: Place, key: string): Place {
  if (key === "//") return "value";
  if (place === "root") return LABELLED.has(key) ? "types" : key === "locals" ? "locals" : "body";
  if (place === "types") return "names";
  if (place === "names" || place === "body") return "body";
  return "value";
}

/** The one value of a repeated key, or an `InputError` where Terraform rejects the repetition. */
function repeatedValue(values: unknown[], place: Place, path: readonly string[], file: string): unknown[] {
  const shown = path.join(".");
  const key = path[path.length - 1];
  if (key === "//") throw new InputError(`${file}: the "//" metadata at ${shown} is given more than once; the suppressions it carries would be ambiguous`);
  if (place === "names") {
    const kind = path[0] === "data" ? "data source" : "resource";
    throw new InputError(`${file}: ${kind} ${path[1]}.${key} is declared more than once (repeated key ${shown}); Terraform rejects a duplicate ${kind}`);
  }
  if (place === "locals") throw new InputError(`${file}: local value ${key} is defined more than once (repeated key ${shown}); Terraform rejects a duplicate local value`);
  if ((place === "root" || place === "types" || place === "body") && values.every(isBlocks)) {
    return values.flatMap((x) => (Array.isArray(x) ? x : [x])).filter((x) => x !== null);
  }
  throw new InputError(`${file}: the argument ${shown} is given more than once (a repeated key whose values are not blocks); Terraform rejects a repeated argument`);
}

/** An object, an array of objects or `null` (no block): what a block key holds. */
function isBlocks(v: unknown): boolean {
  if (Array.isArray(v)) return v.every((e) => e === null || isBlock(e));
  return v === null || isBlock(v);
}

function isBlock(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Repeated);
}
