/**
 * Known values put in for the references to them in synthesized values: constant locals (`${local.net.cidr}`), and
 * the variables of a `for` expression over constants (`${val.port}`). A reference is a root name followed by
 * attribute and index steps, as Terraform and cdktf's `propertyAccess` write them: `.attr`, `.0`, `[0]`, `["key"]`.
 * Splats (`[*]`), computed indexes and steps that lead to nothing are not read: such references stay as they are.
 */
export class Substitution {
  private readonly whole: RegExp;
  private readonly encoded: RegExp;
  private readonly part: RegExp;

  /**
   * @param roots the value of each root name; may change between calls of `apply`
   * @param rootPattern a regular expression source matching exactly the root names (`local\.[A-Za-z_][\w-]*`)
   * @param hint text every string with such a reference holds (`local.`): other strings are not searched
   * @param wholeValue what a string that holds the hint stands for as a whole, if anything (a `for` expression over the
   *   roots: its list), tried before its references are put in
   */
  constructor(
    private readonly roots: ReadonlyMap<string, unknown>,
    rootPattern: string,
    private readonly hint = "${",
    private readonly wholeValue?: (s: string, self: Substitution) => unknown,
  ) {
    const reference = `(${rootPattern})(${STEPS})`;
    this.whole = new RegExp(String.raw`^\$\{${reference}\}$`);
    this.encoded = new RegExp(String.raw`^\$\{jsonencode\(\s*${reference}\s*\)\}$`);
    this.part = new RegExp(String.raw`\$\{${reference}\}`, "g");
  }

  /**
   * `value` with the references put in: a string that is one `${ref}` becomes the value (of any type), one
   * `${jsonencode(ref)}` the JSON text of it, and `${ref}` inside a longer string the text of a string, number or
   * boolean. Copy on write: what holds no such reference is returned as it is, and the input is never changed.
   * `"//"` metadata blocks are not visited.
   */
  apply(value: unknown): unknown {
    if (typeof value === "string") return this.inString(value);
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const v = this.apply(value[i]);
        if (v !== value[i]) (out ??= value.slice())[i] = v;
      }
      return out ?? value;
    }
    if (value !== null && typeof value === "object") {
      let out: Record<string, unknown> | undefined;
      const o = value as Record<string, unknown>;
      for (const key of Object.keys(o)) {
        if (key === "//") continue;
        const v = this.apply(o[key]);
        if (v !== o[key]) (out ??= { ...o })[key] = v;
      }
      return out ?? value;
    }
    return value;
  }

  /** The value a reference reads (root name and steps), or MISSING. */
  lookup(root: string, steps: string): unknown {
    if (!this.roots.has(root)) return MISSING;
    let v = this.roots.get(root);
    STEP.lastIndex = 0;
    for (let m = STEP.exec(steps); m !== null; m = STEP.exec(steps)) {
      v = step(v, m[1] ?? m[2] ?? m[3] ?? m[4].replace(/\\(["\\])/g, "$1"));
      if (v === MISSING) return MISSING;
    }
    return v;
  }

  private inString(s: string): unknown {
    if (!s.includes(this.hint) || !s.includes("${")) return s;
    if (this.wholeValue !== undefined) {
      const v = this.wholeValue(s, this);
      if (v !== undefined) return v;
    }
    const whole = this.whole.exec(s);
    if (whole !== null) {
      const v = this.lookup(whole[1], whole[2]);
      return v === MISSING ? s : v;
    }
    const encoded = this.encoded.exec(s);
    if (encoded !== null) {
      const v = this.lookup(encoded[1], encoded[2]);
      return v === MISSING ? s : JSON.stringify(v);
    }
    return s.replace(this.part, (match: string, root: string, steps: string, offset: number) => {
      // `$${ref}` is the literal text `${ref}`, not a reference.
      if (offset > 0 && s[offset - 1] === "$") return match;
      const v = this.lookup(root, steps);
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : match;
    });
  }
}

/** Attribute and index steps after a root name. */
export const STEPS = String.raw`(?:\.[A-Za-z_][\w-]*|\.\d+|\[\s*\d+\s*\]|\[\s*"(?:[^"\\]|\\["\\])*"\s*\])*`;
const STEP = /\.([A-Za-z_][\w-]*)|\.(\d+)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\["\\])*)"\s*\]/g;

/** Nothing found: a reference that leads nowhere stays a reference. */
export const MISSING: unique symbol = Symbol("missing");

/** One attribute or index step: a key of an object, or an element of a list by its decimal index. */
function step(v: unknown, key: string): unknown {
  if (Array.isArray(v)) {
    if (!/^\d+$/.test(key)) return MISSING;
    const i = Number(key);
    return i < v.length ? v[i] : MISSING;
  }
  if (v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, key)) return (v as Record<string, unknown>)[key];
  return MISSING;
}
