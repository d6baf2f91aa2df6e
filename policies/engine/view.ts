import { cachedReference, expressionValue, isExpression, referencesInto, unescapeTemplate } from "./references";
import { cachedForList } from "./for-lists";
import { RunCache } from "./run-cache";
import { Ref, Val } from "./types";

export const ABSENT: Val = { kind: "absent" };

const NO_VIEWS: readonly View[] = Object.freeze([]);
const NO_REFS: readonly Ref[] = Object.freeze([]);
const NO_BLOCKS: readonly unknown[] = Object.freeze([]);

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

  // Views are read-only, so block lists, reference lists and block-list status are memoized per path (see `Memo`).
  // Plain values are not: a walk to them costs less than keeping every value for the whole run.
  private memoBlocks: Memo | undefined = undefined;
  private memoRefs: Memo | undefined = undefined;
  private memoBlocksUnknown: Memo | undefined = undefined;

  /** Drops the memoized block lists, reference lists and block-list status; they are computed again when asked. */
  protected forgetMemos(): void {
    this.memoBlocks = undefined;
    this.memoRefs = undefined;
    this.memoBlocksUnknown = undefined;
  }

  /** The value at `path`. */
  get(path: string): Val {
    this.walk(path);
    return this.valueOf(W.value, W.unknown, W.expr, W.token);
  }

  /** The value a walk found: `raw` with the unknown and expression trees there, and a token met on the way. */
  private valueOf(v: unknown, unknown: unknown, expr: unknown, token: string | undefined): Val {
    if (unknown === true) return { kind: "unknown", refs: collectExprRefs(expr) };
    if (v === undefined || v === null) {
      if (token !== undefined) return expressionValue(token);
      return ABSENT;
    }
    if (typeof v === "string" && !this.literal) {
      if (isExpression(v)) return expressionValue(v);
      return { kind: "known", value: unescapeTemplate(v) };
    }
    return { kind: "known", value: v };
  }

  /**
   * The elements of the known list at `path`, each as `get(\`${path}.${i}\`)` would give it (an element may be
   * unknown, e.g. a `${...}` string, or absent when null); undefined when the value at `path` is not a known list.
   */
  items(path: string): Val[] | undefined {
    this.walk(path);
    // `get(path)` is a known list exactly when the walk found an array not marked unknown.
    if (W.unknown === true || !Array.isArray(W.value)) return undefined;
    const values = W.value as unknown[];
    const unknown = W.unknown;
    const expr = W.expr;
    const out: Val[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      // The last step of a walk to `${path}.${i}`: an index into the list and into both trees (a list has no
      // `dynamic` blocks, so that step can meet no token).
      out[i] = this.valueOf(values[i], element(unknown, i), element(expr, i), undefined);
    }
    return out;
  }

  /**
   * True when the configuration sets the value at `path`, rather than a provider default. In a plan, an optional
   * attribute that the configuration leaves out but the provider computes (`aws_instance.metadata_options`,
   * `aws_kms_key.policy`) is unknown until apply (`after_unknown`) although nothing sets it. So when a plan carries
   * the configuration's expressions, a present value is configured only if an expression covers `path` (an
   * expression for an enclosing attribute covers its parts). In synthesized JSON, or a plan without configuration,
   * every present value is configured (unknown values there are `${...}` expressions or `dynamic` blocks).
   */
  configured(path: string): boolean {
    if (!this.has(path)) return false;
    if (!this.literal || this.exprTree === undefined) return true;
    return expressionAt(this.exprTree, path) !== undefined;
  }

  /**
   * The value at `path` as the configuration sets it: `get(path)`, except that a value unknown only because the
   * provider computes an attribute the configuration leaves out reads as absent (the provider default applies;
   * see `configured`).
   */
  getConfigured(path: string): Val {
    const v = this.get(path);
    return v.kind === "unknown" && !this.configured(path) ? ABSENT : v;
  }

  /**
   * The value at `path` when the configuration sets it; absent when it leaves the setting to the provider. Unlike
   * `getConfigured`, a provider default that a plan shows as a known value reads as absent too, so that a rule gives
   * an unset setting the same meaning on synthesized JSON and on a plan.
   */
  configuredValue(path: string): Val {
    return this.configured(path) ? this.get(path) : ABSENT;
  }

  /** The raw value at `path` as written (expressions included), or undefined when absent. */
  rawAt(path: string): unknown {
    this.walk(path);
    return W.value ?? W.token;
  }

  /** The known value at `path`, or undefined when absent or unknown. */
  known(path: string): unknown {
    // `get(path)` without the `Val` it would allocate: the typed readers below are the most frequent reads.
    this.walk(path);
    const v = W.value;
    if (W.unknown === true || v === undefined || v === null) return undefined;
    if (typeof v === "string" && !this.literal) return isExpression(v) ? undefined : unescapeTemplate(v);
    return v;
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
    this.walk(path);
    if (W.unknown === true) return true;
    return (W.value !== undefined && W.value !== null) || W.token !== undefined;
  }

  /**
   * The nested blocks at `path` as views (an object is one block, a list is many). The `content` of a
   * cdktf dynamic block is included as one block whose iterator values are unknown; `blocksUnknown`
   * tells that the real number of blocks is not known. The list is shared and frozen: copy it before changing it.
   */
  blocks(path: string): View[] {
    return this.memoized("memoBlocks", path, this.computeBlocks);
  }

  /** The value of `compute(path)` memoized in `slot`. */
  private memoized<T>(slot: "memoBlocks" | "memoRefs" | "memoBlocksUnknown", path: string, compute: (this: View, path: string) => T): T {
    let v = recall(this[slot], path) as T | undefined;
    if (v === undefined) {
      v = compute.call(this, path);
      this[slot] = remember(this[slot], path, v);
    }
    return v;
  }

  private computeBlocks(path: string): View[] {
    this.walk(path);
    const v = W.value;
    const unknown = W.unknown;
    const expr = W.expr;
    // Lists are built at their final size: views and their block lists live as long as the model.
    let out: View[] | undefined;
    if (v !== undefined && v !== null && typeof v === "object") {
      if (Array.isArray(v)) {
        let n = 0;
        for (let i = 0; i < v.length; i++) if (isBlock(v[i])) n++;
        if (n > 0) {
          out = new Array<View>(n);
          let k = 0;
          for (let i = 0; i < v.length; i++) if (isBlock(v[i])) out[k++] = new View(v[i], index(unknown, i), index(expr, i), this.literal);
        }
      } else {
        out = [new View(v, unknown, Array.isArray(expr) ? expr[0] : expr, this.literal)];
      }
    }
    if (!this.literal) {
      const dynamic = this.dynamicBlocks(path);
      for (let i = 0; i < dynamic.length; i++) {
        const content = (dynamic[i] as { content?: unknown }).content;
        if (isBlock(content)) (out ??= []).push(new View(content, undefined, undefined, false));
      }
    }
    return out === undefined ? (NO_VIEWS as View[]) : (Object.freeze(out) as View[]);
  }

  /** How many of `blocks(path)` are written out literally: the blocks after them come from cdktf `dynamic` blocks. */
  literalBlockCount(path: string): number {
    const raw = this.rawAt(path);
    if (!Array.isArray(raw)) return isBlock(raw) ? 1 : 0;
    let n = 0;
    for (let i = 0; i < raw.length; i++) if (isBlock(raw[i])) n++;
    return n;
  }

  /** True when the block list at `path` is itself unknown (a dynamic block, or unknown in a plan). */
  blocksUnknown(path: string): boolean {
    return this.memoized("memoBlocksUnknown", path, this.computeBlocksUnknown);
  }

  private computeBlocksUnknown(path: string): boolean {
    this.walk(path);
    if (W.unknown === true || W.token !== undefined) return true;
    if (this.literal) return false;
    return isExpression(W.value) || this.dynamicBlocks(path).length > 0;
  }

  /** Every reference under `path` (the whole view when omitted). The list is shared and frozen. */
  refs(path?: string): Ref[] {
    return this.memoized("memoRefs", path ?? "", this.computeRefs);
  }

  private computeRefs(path: string): Ref[] {
    let value = this.raw;
    let expr = this.exprTree;
    if (path) {
      this.walk(path);
      value = W.value;
      expr = W.expr;
    }
    const out: Ref[] = [];
    if (!this.literal) referencesInto(value, out);
    if (expr !== undefined) collectExprRefs(expr, out);
    if (out.length === 0) return NO_REFS as Ref[];
    return Object.freeze(out.length > 1 ? dedupe(out) : out) as Ref[];
  }

  /** References under `path` that point at a resource of one of `types`. */
  refsTo(path: string, ...types: string[]): Ref[] {
    const out: Ref[] = [];
    const refs = this.refs(path);
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i];
      if (r.type !== undefined && types.includes(r.type)) out.push(r);
    }
    return out;
  }

  /** The cdktf `dynamic` blocks generating the block list at `path` (synthesized input only). */
  private dynamicBlocks(path: string): readonly unknown[] {
    const dot = path.lastIndexOf(".");
    let parent = this.raw;
    if (dot >= 0) {
      this.walk(path.slice(0, dot));
      parent = W.value;
    }
    const name = dot < 0 ? path : path.slice(dot + 1);
    const host = Array.isArray(parent) ? parent[0] : parent;
    if (host === null || typeof host !== "object") return NO_BLOCKS;
    const dyn = (host as { dynamic?: unknown }).dynamic;
    if (dyn === null || typeof dyn !== "object") return NO_BLOCKS;
    const blocks = (dyn as Record<string, unknown>)[name];
    if (blocks === null || typeof blocks !== "object") return NO_BLOCKS;
    return Array.isArray(blocks) ? blocks.filter((b) => b !== null && typeof b === "object") : [blocks];
  }

  /**
   * Follows `path` through the raw values and the plan's unknown and expression trees, and leaves what it found in
   * `W` (read it before the next walk). Walks are frequent: they allocate nothing.
   */
  private walk(path: string): void {
    let value: unknown = this.raw;
    let unknown: unknown = this.unknownTree;
    let expr: unknown = this.exprTree;
    W.token = undefined;
    if (path.charCodeAt(0) === 47 && path.startsWith("//")) {
      // A `"//"` block is a comment to Terraform (cdktf keeps construct metadata there), not a value.
      value = unknown = expr = undefined;
    } else if (path !== "" && unknown === undefined && expr === undefined && !this.literal) {
      // Most paths read one attribute: a name, not a list index, without a dot.
      const c = path.charCodeAt(0);
      value = (c < 48 || c > 57) && path.indexOf(".") < 0 ? stepConfig(value, path) : walkConfig(value, segmentsOf(path));
    } else if (path !== "") {
      const literal = this.literal;
      const segs = segmentsOf(path);
      const names = segs.names;
      const indexes = segs.isIndex;
      for (let i = 0; i < names.length; i++) {
        const seg = names[i];
        if (unknown === true) {
          value = undefined;
          break;
        }
        if (!literal && typeof value === "string" && isExpression(value)) {
          W.token = value;
          value = undefined;
          unknown = undefined;
          break;
        }
        const isIndex = indexes[i];
        if (Array.isArray(value)) {
          if (!isIndex) {
            value = value[0];
            unknown = index(unknown, 0);
            expr = index(expr, 0);
          }
        } else if (isIndex && seg === "0" && value !== null && typeof value === "object") {
          continue;
        }
        if (!isIndex && Array.isArray(expr)) expr = expr[0];
        const parent = value;
        value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[seg] : undefined;
        if (value === undefined && !literal) {
          const token = dynamicToken(parent, seg);
          if (token !== undefined) {
            W.token = token;
            unknown = undefined;
            expr = undefined;
            break;
          }
        }
        unknown = unknown !== null && typeof unknown === "object" ? (unknown as Record<string, unknown>)[seg] : undefined;
        if (expr !== null && typeof expr === "object") expr = Array.isArray(expr) ? (isIndex ? expr[Number(seg)] : undefined) : (expr as Record<string, unknown>)[seg];
        else expr = undefined;
      }
    }
    W.value = value;
    W.unknown = unknown;
    W.expr = expr;
  }
}

/**
 * `View.walk` for synthesized values (no unknown or expression trees): the same steps without the trees. Returns
 * the value found, and sets `W.token` when a `${...}` expression or a dynamic block stands on the path.
 */
function walkConfig(start: unknown, segs: Segments): unknown {
  let value = start;
  const names = segs.names;
  const indexes = segs.isIndex;
  for (let i = 0; i < names.length; i++) {
    const seg = names[i];
    if (!indexes[i]) {
      value = stepConfig(value, seg);
      if (W.token !== undefined) return undefined;
      continue;
    }
    if (typeof value === "string" && isExpression(value)) {
      W.token = value;
      return undefined;
    }
    if (value === null || typeof value !== "object") return undefined;
    // An index into a single block (an object) is the block itself at index 0.
    if (!Array.isArray(value) && seg === "0") continue;
    const parent = value;
    value = forListOr((value as Record<string, unknown>)[seg]);
    if (value === undefined) {
      const token = dynamicToken(parent, seg);
      if (token !== undefined) {
        W.token = token;
        return undefined;
      }
    }
  }
  return value;
}

/** One step of `walkConfig` to an attribute name (a list is entered at its first element). */
function stepConfig(start: unknown, name: string): unknown {
  let value = start;
  if (typeof value === "string" && isExpression(value)) {
    W.token = value;
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) value = value[0];
  if (value === null || typeof value !== "object") return undefined;
  const found = (value as Record<string, unknown>)[name];
  if (found === undefined) {
    const token = dynamicToken(value, name);
    if (token !== undefined) W.token = token;
    return undefined;
  }
  return forListOr(found);
}

/**
 * The list a `${[for ...]}` expression over a written-out collection makes (see `forListValue`), in place of the
 * expression; any other value as it is. Synthesized values only: a plan has the list itself.
 */
function forListOr(v: unknown): unknown {
  if (typeof v !== "string" || v.charCodeAt(0) !== 36 || v.charCodeAt(1) !== 123 || v.charCodeAt(2) !== 91) return v;
  return cachedForList(v) ?? v;
}

/**
 * When `parent` (synthesized values) generates its `name` blocks with a cdktf `dynamic` block: the expression they
 * come from (its `for_each`), standing for values unknown until apply.
 */
function dynamicToken(parent: unknown, name: string): string | undefined {
  if (parent === null || typeof parent !== "object" || !("dynamic" in parent)) return undefined;
  const dyn = (parent as { dynamic?: unknown }).dynamic;
  const block = dyn !== null && typeof dyn === "object" ? (dyn as Record<string, unknown>)[name] : undefined;
  if (block === null || typeof block !== "object") return undefined;
  const forEach = (Array.isArray(block) ? block[0] : block)?.for_each;
  return isExpression(forEach) ? forEach : "${dynamic}";
}

/** What the last `walk` found: the raw value, the unknown and expression trees there, and a `${...}` token met on the way. */
const W: { value: unknown; unknown: unknown; expr: unknown; token: string | undefined } = {
  value: undefined,
  unknown: undefined,
  expr: undefined,
  token: undefined,
};

/**
 * Values memoized by path. Most views see a handful of paths, so they are kept as a short list of
 * `[path, value, path, value, ...]` (cheaper to build and to search than a map), and moved to a map when the list grows.
 * Memoized values are never undefined.
 */
type Memo = unknown[] | Map<string, unknown>;

const MEMO_LIST_MAX = 32;

function recall(memo: Memo | undefined, path: string): unknown {
  if (memo === undefined) return undefined;
  if (Array.isArray(memo)) {
    for (let i = 0; i < memo.length; i += 2) if (memo[i] === path) return memo[i + 1];
    return undefined;
  }
  return memo.get(path);
}

function remember(memo: Memo | undefined, path: string, value: unknown): Memo {
  if (memo === undefined) return [path, value];
  if (Array.isArray(memo)) {
    // A new list of the exact size: growing a short list in place reserves many unused slots, and memos
    // live as long as the model.
    if (memo.length < MEMO_LIST_MAX) {
      const n = memo.length;
      const grown = new Array<unknown>(n + 2);
      for (let i = 0; i < n; i++) grown[i] = memo[i];
      grown[n] = path;
      grown[n + 1] = value;
      return grown;
    }
    const map = new Map<string, unknown>();
    for (let i = 0; i < memo.length; i += 2) map.set(memo[i] as string, memo[i + 1]);
    memo = map;
  }
  memo.set(path, value);
  return memo;
}

/**
 * The node of a plan's configuration expression tree that covers `path`: the expression at `path`, or one set for an
 * enclosing attribute (a node with `references` or `constant_value`). Lists of blocks are entered at their first
 * element unless an index is given. Undefined when the configuration sets nothing there.
 */
function expressionAt(tree: unknown, path: string): unknown {
  let node = tree;
  const { names, isIndex } = segmentsOf(path);
  for (let i = 0; i < names.length; i++) {
    if (node === null || typeof node !== "object") return undefined;
    if (isLeafExpression(node)) return node;
    if (Array.isArray(node)) {
      node = isIndex[i] ? node[Number(names[i])] : node[0];
      if (isIndex[i]) continue;
      if (node === null || typeof node !== "object") return undefined;
      if (isLeafExpression(node)) return node;
    }
    node = (node as Record<string, unknown>)[names[i]];
  }
  return node;
}

function isLeafExpression(node: object): boolean {
  return !Array.isArray(node) && ("references" in node || "constant_value" in node);
}

/** A path split at its dots, and which segments are list indexes. */
interface Segments {
  readonly names: readonly string[];
  readonly isIndex: readonly boolean[];
}

const SEGMENTS = new RunCache<string, Segments>(10000);

function segmentsOf(path: string): Segments {
  let segs = SEGMENTS.get(path);
  if (segs === undefined) {
    const names = path.split(".");
    segs = { names, isIndex: names.map((name) => /^\d+$/.test(name)) };
    SEGMENTS.set(path, segs);
  }
  return segs;
}

/** True when a value can be read as one nested block: an object that is not a list. */
function isBlock(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Element `i` of a tree node as a walk's index step reads it: from a list, or from an object by key. */
function element(tree: unknown, i: number): unknown {
  if (tree === null || typeof tree !== "object") return undefined;
  return Array.isArray(tree) ? tree[i] : (tree as Record<string, unknown>)[String(i)];
}

function index(tree: unknown, i: number): unknown {
  if (tree === true) return true;
  return Array.isArray(tree) ? tree[i] : undefined;
}

/** References recorded in a plan's configuration expression tree. */
export function collectExprRefs(expr: unknown, out: Ref[] = []): Ref[] {
  if (Array.isArray(expr)) {
    for (let i = 0; i < expr.length; i++) collectExprRefs(expr[i], out);
  } else if (expr !== null && typeof expr === "object") {
    const o = expr as Record<string, unknown>;
    if (Array.isArray(o.references)) {
      const references = o.references;
      for (let i = 0; i < references.length; i++) {
        const r = references[i];
        const ref = typeof r === "string" ? cachedReference(r) : undefined;
        if (ref) out.push(ref);
      }
    }
    for (const k in o) if (k !== "references" && k !== "constant_value") collectExprRefs(o[k], out);
  }
  return out;
}

function dedupe(refs: Ref[]): Ref[] {
  const out: Ref[] = [];
  if (refs.length <= 16) {
    // Short lists (the usual case) are compared pair by pair, without a key string per reference.
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i];
      let seen = false;
      for (let j = 0; j < out.length && !seen; j++) seen = out[j] === r || (out[j].address === r.address && (out[j].attr ?? "") === (r.attr ?? ""));
      if (!seen) out.push(r);
    }
    return out;
  }
  const keys = new Set<string>();
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    const key = `${r.address}|${r.attr ?? ""}`;
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(r);
  }
  return out;
}
