import { isExpression, referencesIn, referencesInString, parseReference, unescapeTemplate } from "./references";
import { Ref, Val } from "./types";

export const ABSENT: Val = { kind: "absent" };

/**
 * Read-only access to a resource's values (or a nested block of them) that makes unknown values explicit.
 * Paths are dot-separated attribute names; a list block is entered at its first element unless an index
 * is given (`ingress.1.from_port`), so `metadata_options.http_tokens` works for synthesized JSON (object)
 * and plan JSON (one-element list) alike.
 *
 * Synthesized values may hold `${...}` expressions (unknown until apply) and cdktf dynamic blocks
 * (`dynamic.<name>.content`); plan values are literal: what is unknown there is marked by `after_unknown`.
 */
export class View {
  constructor(
    /** The raw values: synthesized JSON, or a plan's `after` values. */
    readonly raw: unknown,
    /** A plan's `after_unknown` tree for the same values (`true` where unknown). */
    readonly unknownTree: unknown,
    /** A plan's configuration `expressions` tree for the same values. */
    readonly exprTree: unknown,
    /** True for plan values: strings are literal text, never expressions. */
    readonly literal: boolean = false,
  ) {}

  // Views are read-only, so what they compute is memoized per path.
  private memoGet?: Map<string, Val>;
  private memoBlocks?: Map<string, View[]>;
  private memoRefs?: Map<string, Ref[]>;
  private memoBlocksUnknown?: Map<string, boolean>;

  /** The value at `path`. */
  get(path: string): Val {
    let memo = this.memoGet;
    if (memo === undefined) memo = this.memoGet = new Map();
    let v = memo.get(path);
    if (v === undefined) {
      v = this.compute(path);
      memo.set(path, v);
    }
    return v;
  }

  private compute(path: string): Val {
    const s = this.walk(path);
    if (s.unknown === true) return { kind: "unknown", refs: collectExprRefs(s.expr) };
    const v = s.value;
    if (v === undefined || v === null) {
      if (s.token !== undefined) return { kind: "unknown", refs: referencesInString(s.token) };
      return ABSENT;
    }
    if (typeof v === "string" && !this.literal) {
      if (isExpression(v)) return { kind: "unknown", refs: referencesInString(v) };
      return { kind: "known", value: unescapeTemplate(v) };
    }
    return { kind: "known", value: v };
  }

  /** The raw value at `path` as written (expressions included), or undefined when absent. */
  rawAt(path: string): unknown {
    const s = this.walk(path);
    return s.value ?? s.token;
  }

  /** The known value at `path`, or undefined when absent or unknown. */
  known(path: string): unknown {
    const v = this.get(path);
    return v.kind === "known" ? v.value : undefined;
  }

  /** The known string at `path`. */
  str(path: string): string | undefined {
    const v = this.known(path);
    return typeof v === "string" ? v : undefined;
  }

  /** The known number at `path` (numeric strings are converted). */
  num(path: string): number | undefined {
    const v = this.known(path);
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
    return undefined;
  }

  /** The known boolean at `path` (`"true"`/`"false"` strings are converted). */
  bool(path: string): boolean | undefined {
    const v = this.known(path);
    if (typeof v === "boolean") return v;
    if (v === "true") return true;
    if (v === "false") return false;
    return undefined;
  }

  /** The known list at `path` (a single value is wrapped). Elements may be expressions. */
  list(path: string): unknown[] | undefined {
    const v = this.known(path);
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v : [v];
  }

  /** True when the path holds a non-null value (known or unknown). */
  has(path: string): boolean {
    return this.get(path).kind !== "absent";
  }

  /**
   * The nested blocks at `path` as views (an object is one block, a list is many). The `content` of a
   * cdktf dynamic block is included as one block whose iterator values are unknown; `blocksUnknown`
   * tells that the real number of blocks is not known. The list is shared and frozen: copy it before changing it.
   */
  blocks(path: string): View[] {
    let memo = this.memoBlocks;
    if (memo === undefined) memo = this.memoBlocks = new Map();
    let list = memo.get(path);
    if (list === undefined) {
      list = Object.freeze(this.computeBlocks(path)) as View[];
      memo.set(path, list);
    }
    return list;
  }

  private computeBlocks(path: string): View[] {
    const s = this.walk(path);
    const v = s.value;
    const out: View[] = [];
    if (v !== undefined && v !== null && typeof v === "object") {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (item !== null && typeof item === "object" && !Array.isArray(item)) {
            out.push(new View(item, index(s.unknown, i), index(s.expr, i), this.literal));
          }
        }
      } else {
        out.push(new View(v, s.unknown, Array.isArray(s.expr) ? s.expr[0] : s.expr, this.literal));
      }
    }
    if (!this.literal) {
      for (const d of this.dynamicBlocks(path)) {
        const content = (d as { content?: unknown }).content;
        if (content !== null && typeof content === "object" && !Array.isArray(content)) out.push(new View(content, undefined, undefined, false));
      }
    }
    return out;
  }

  /** True when the block list at `path` is itself unknown (a dynamic block, or unknown in a plan). */
  blocksUnknown(path: string): boolean {
    let memo = this.memoBlocksUnknown;
    if (memo === undefined) memo = this.memoBlocksUnknown = new Map();
    let v = memo.get(path);
    if (v === undefined) {
      v = this.computeBlocksUnknown(path);
      memo.set(path, v);
    }
    return v;
  }

  private computeBlocksUnknown(path: string): boolean {
    const s = this.walk(path);
    if (s.unknown === true || s.token !== undefined) return true;
    if (this.literal) return false;
    return isExpression(s.value) || this.dynamicBlocks(path).length > 0;
  }

  /** Every reference under `path` (the whole view when omitted). The list is shared and frozen. */
  refs(path?: string): Ref[] {
    const key = path ?? "";
    let memo = this.memoRefs;
    if (memo === undefined) memo = this.memoRefs = new Map();
    let list = memo.get(key);
    if (list === undefined) {
      list = Object.freeze(this.computeRefs(key)) as Ref[];
      memo.set(key, list);
    }
    return list;
  }

  private computeRefs(path: string): Ref[] {
    const s = path ? this.walk(path) : { value: this.raw, unknown: this.unknownTree, expr: this.exprTree };
    const out = this.literal ? [] : referencesIn(s.value);
    if (s.expr !== undefined) out.push(...collectExprRefs(s.expr));
    return dedupe(out);
  }

  /** References under `path` that point at a resource of one of `types`. */
  refsTo(path: string, ...types: string[]): Ref[] {
    return this.refs(path).filter((r) => r.type !== undefined && types.includes(r.type));
  }

  /** The cdktf `dynamic` blocks generating the block list at `path` (synthesized input only). */
  private dynamicBlocks(path: string): unknown[] {
    const dot = path.lastIndexOf(".");
    const parent = dot < 0 ? this.raw : this.walk(path.slice(0, dot)).value;
    const name = dot < 0 ? path : path.slice(dot + 1);
    const host = Array.isArray(parent) ? parent[0] : parent;
    if (host === null || typeof host !== "object") return [];
    const dyn = (host as { dynamic?: unknown }).dynamic;
    if (dyn === null || typeof dyn !== "object") return [];
    const blocks = (dyn as Record<string, unknown>)[name];
    if (blocks === null || typeof blocks !== "object") return [];
    return Array.isArray(blocks) ? blocks.filter((b) => b !== null && typeof b === "object") : [blocks];
  }

  private walk(path: string): { value: unknown; unknown: unknown; expr: unknown; token?: string } {
    let value: unknown = this.raw;
    let unknown: unknown = this.unknownTree;
    let expr: unknown = this.exprTree;
    if (path === "") return { value, unknown, expr };
    const literal = this.literal;
    const segs = segmentsOf(path);
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i].name;
      if (unknown === true) return { value: undefined, unknown: true, expr };
      if (!literal && isExpression(value)) return { value: undefined, unknown: undefined, expr, token: value };
      const isIndex = segs[i].isIndex;
      if (Array.isArray(value) && !isIndex) {
        value = value[0];
        unknown = index(unknown, 0);
        expr = index(expr, 0);
      } else if (!Array.isArray(value) && isIndex && seg === "0" && value !== null && typeof value === "object") {
        continue;
      }
      if (Array.isArray(expr) && !isIndex) expr = expr[0];
      const parent = value;
      value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[seg] : undefined;
      if (value === undefined && !literal && parent !== null && typeof parent === "object" && "dynamic" in parent) {
        const dyn = (parent as { dynamic?: unknown }).dynamic;
        const block = dyn !== null && typeof dyn === "object" ? (dyn as Record<string, unknown>)[seg] : undefined;
        if (block !== null && typeof block === "object") {
          const forEach = (Array.isArray(block) ? block[0] : block)?.for_each;
          return { value: undefined, unknown: undefined, expr: undefined, token: isExpression(forEach) ? forEach : "${dynamic}" };
        }
      }
      unknown = unknown !== null && typeof unknown === "object" ? (unknown as Record<string, unknown>)[seg] : undefined;
      expr = expr !== null && typeof expr === "object" && !Array.isArray(expr) ? (expr as Record<string, unknown>)[seg] : Array.isArray(expr) && isIndex ? expr[Number(seg)] : undefined;
    }
    return { value, unknown, expr };
  }
}

const SEGMENTS = new Map<string, readonly { name: string; isIndex: boolean }[]>();

function segmentsOf(path: string): readonly { name: string; isIndex: boolean }[] {
  let segs = SEGMENTS.get(path);
  if (segs === undefined) {
    segs = path.split(".").map((name) => ({ name, isIndex: /^\d+$/.test(name) }));
    if (SEGMENTS.size > 10000) SEGMENTS.clear();
    SEGMENTS.set(path, segs);
  }
  return segs;
}

function index(tree: unknown, i: number): unknown {
  if (tree === true) return true;
  return Array.isArray(tree) ? tree[i] : undefined;
}

/** References recorded in a plan's configuration expression tree. */
export function collectExprRefs(expr: unknown, out: Ref[] = []): Ref[] {
  if (Array.isArray(expr)) {
    for (const e of expr) collectExprRefs(e, out);
  } else if (expr !== null && typeof expr === "object") {
    const o = expr as Record<string, unknown>;
    if (Array.isArray(o.references)) {
      for (const r of o.references) {
        const ref = typeof r === "string" ? parseReference(r) : undefined;
        if (ref) out.push(ref);
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== "references" && k !== "constant_value") collectExprRefs(v, out);
  }
  return out;
}

function dedupe(refs: Ref[]): Ref[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.address}|${r.attr ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
