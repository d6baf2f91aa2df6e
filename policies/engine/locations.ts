import * as fs from "fs";
import { Report, Result } from "./types";

/** Where a resource is written in its input file: 1-based line and column. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * Where each resource of a JSON input is written, by address. In a Terraform JSON configuration (a synthesized
 * `cdk.tf.json`) that is its name key under `resource.<type>` or `data.<type>`: `aws_vpc.main`, `data.aws_iam_policy_document.p`.
 * In `terraform show -json` output it is the `address` of its entry in `resource_changes`. The text is scanned once:
 * strings are stepped over without being read, except the keys and values of the three outermost levels, and lines
 * are counted only for the places found. Text that is not JSON yields whatever was found before the scan lost its way.
 */
export function resourceLocations(text: string): Map<string, SourceLocation> {
  const offsets = new Map<string, number>();
  // Keys of the open containers, outermost first; arrays hold `undefined` (they do not name a level).
  const keys: (string | undefined)[] = [];
  // Per open container: whether it is an object.
  const isObject: boolean[] = [];
  let pendingKey: string | undefined;
  let pendingAt = 0;
  let planAddressKey = false;
  // How many open containers are named by a key (arrays and their elements are not).
  let named = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      const end = stringEnd(text, i);
      i = end;
      // Deeper levels hold neither resource names nor plan addresses: their strings are only stepped over.
      if (named > 2) continue;
      let j = end + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const value = readString(text, start, end);
      const inObject = isObject.length > 0 && isObject[isObject.length - 1];
      if (inObject && text.charCodeAt(j) === 58) {
        pendingKey = value;
        pendingAt = start;
        planAddressKey = value === "address" && keys.length === 3 && keys[1] === "resource_changes" && !isObject[1];
      } else if (planAddressKey) {
        if (!offsets.has(value)) offsets.set(value, pendingAt);
        planAddressKey = false;
      }
    } else if (c === 123 || c === 91) {
      if (pendingKey !== undefined && named === 2) recordConfigName(keys, pendingKey, pendingAt, offsets);
      const key = isObject.length > 0 && isObject[isObject.length - 1] ? pendingKey : undefined;
      keys.push(key);
      if (key !== undefined) named++;
      isObject.push(c === 123);
      pendingKey = undefined;
      planAddressKey = false;
    } else if (c === 125 || c === 93) {
      if (keys.pop() !== undefined) named--;
      isObject.pop();
      pendingKey = undefined;
    } else if (c === 44) {
      pendingKey = undefined;
      planAddressKey = false;
    }
  }
  return linesOf(text, offsets);
}

/** Index of the quote that closes the string opening at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end > 0) {
    // A quote is escaped when an odd number of backslashes stands before it.
    let backslashes = 0;
    for (let k = end - 1; text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/** The value of the JSON string between the quotes at `start` and `end`. */
function readString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (raw.indexOf("\\") < 0) return raw;
  let value = "";
  let chunk = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== 92) continue;
    value += raw.slice(chunk, i) + unescape(raw, i);
    i += raw.charCodeAt(i + 1) === 117 ? 5 : 1;
    chunk = i + 1;
  }
  return value + raw.slice(chunk);
}

/** Line and column of each offset, counting the lines once, in offset order. */
function linesOf(text: string, offsets: ReadonlyMap<string, number>): Map<string, SourceLocation> {
  const sorted = [...offsets.entries()].sort((a, b) => a[1] - b[1]);
  const out = new Map<string, SourceLocation>();
  let line = 1;
  let lineStart = 0;
  let next = text.indexOf("\n");
  for (const [address, at] of sorted) {
    while (next >= 0 && next < at) {
      line++;
      lineStart = next + 1;
      next = text.indexOf("\n", next + 1);
    }
    out.set(address, { line, column: at - lineStart + 1 });
  }
  return out;
}

/** Records `type.name` when `key` opens a resource body: `resource.<type>.<name>` (arrays between levels skipped). */
function recordConfigName(keys: readonly (string | undefined)[], key: string, at: number, out: Map<string, number>): void {
  // Below the root object: the block kind and the type, each level named by its key (an array keeps the key).
  const levels = keys.slice(1).filter((k) => k !== undefined);
  if (levels.length !== 2) return;
  const [kind, type] = levels;
  if (kind !== "resource" && kind !== "data") return;
  const address = kind === "data" ? `data.${type}.${key}` : `${type}.${key}`;
  if (!out.has(address)) out.set(address, at);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function unescape(text: string, at: number): string {
  const e = text.charAt(at + 1);
  switch (e) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "r":
      return "\r";
    case "b":
      return "\b";
    case "f":
      return "\f";
    case "u":
      return String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
    default:
      return e;
  }
}

/**
 * The report with the line and column of each finding's and unknown result's resource in its input file filled in
 * (`line`, `column`). Each file that holds a finding is read once; a file that cannot be read again leaves its results
 * without a location. Passing results, and results located while their input was read (YAML manifests), are left as
 * they are.
 */
export function withLocations(report: Report, read: (file: string) => string = (f) => fs.readFileSync(f, "utf8")): Report {
  const files = new Map<string, Map<string, SourceLocation> | undefined>();
  const locate = (r: Result): Result => {
    if (r.file === undefined || r.line !== undefined) return r;
    let table = files.get(r.file);
    if (!files.has(r.file)) {
      try {
        table = resourceLocations(read(r.file));
      } catch {
        table = undefined;
      }
      files.set(r.file, table);
    }
    const at = table?.get(r.address) ?? table?.get(r.address.replace(/\[[^\]]*\]$/, ""));
    return at === undefined ? r : { ...r, line: at.line, column: at.column };
  };
  return { ...report, findings: report.findings.map(locate), unknowns: report.unknowns.map(locate) };
}
