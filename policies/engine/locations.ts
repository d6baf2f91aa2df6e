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
 * In `terraform show -json` output it is the `address` of its entry in `resource_changes`. The text is scanned once,
 * without building values; text that is not JSON yields whatever was found before the scan lost its way.
 */
export function resourceLocations(text: string): Map<string, SourceLocation> {
  const out = new Map<string, SourceLocation>();
  // Keys of the open containers, outermost first; arrays hold `undefined` (they do not name a level).
  const keys: (string | undefined)[] = [];
  // Per open container: whether it is an object.
  const isObject: boolean[] = [];
  let line = 1;
  let lineStart = 0;
  let pendingKey: { value: string; at: number; line: number; column: number } | undefined;
  let planAddressKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 34) {
      const start = i;
      const startLine = line;
      const column = start - lineStart + 1;
      let value = "";
      let chunk = i + 1;
      for (i = i + 1; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          value += text.slice(chunk, i) + unescape(text, i);
          i += text.charCodeAt(i + 1) === 117 ? 5 : 1;
          chunk = i + 1;
        } else if (d === 34) break;
      }
      value += text.slice(chunk, i);
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const inObject = isObject.length > 0 && isObject[isObject.length - 1];
      if (inObject && text.charCodeAt(j) === 58) {
        pendingKey = { value, at: start, line: startLine, column };
        planAddressKey = value === "address" && containerPath(keys, isObject) === "resource_changes/";
      } else if (planAddressKey) {
        if (!out.has(value) && pendingKey !== undefined) out.set(value, { line: pendingKey.line, column: pendingKey.column });
        planAddressKey = false;
      }
    } else if (c === 123 || c === 91) {
      const opensObject = c === 123;
      const key = pendingKey?.value;
      if (pendingKey !== undefined && keys.length > 0) recordConfigName(keys, pendingKey.value, pendingKey, out);
      keys.push(isObject.length > 0 && isObject[isObject.length - 1] ? key : undefined);
      isObject.push(opensObject);
      pendingKey = undefined;
      planAddressKey = false;
    } else if (c === 125 || c === 93) {
      keys.pop();
      isObject.pop();
      pendingKey = undefined;
    } else if (c === 44) {
      pendingKey = undefined;
      planAddressKey = false;
    }
  }
  return out;
}

/** Records `type.name` when `key` opens a resource body: `resource.<type>.<name>` (arrays between levels skipped). */
function recordConfigName(keys: readonly (string | undefined)[], key: string, at: { line: number; column: number }, out: Map<string, SourceLocation>): void {
  // Below the root object: the block kind and the type, each level named by its key (an array keeps the key).
  const levels = keys.slice(1).filter((k) => k !== undefined);
  if (levels.length !== 2) return;
  const [kind, type] = levels;
  if (kind !== "resource" && kind !== "data") return;
  const address = kind === "data" ? `data.${type}.${key}` : `${type}.${key}`;
  if (!out.has(address)) out.set(address, { line: at.line, column: at.column });
}

/** The keys of the open containers below the root, joined with `/` and ending in `/` (`resource_changes/`). */
function containerPath(keys: readonly (string | undefined)[], isObject: readonly boolean[]): string {
  let path = "";
  for (let i = 1; i < keys.length; i++) if (keys[i] !== undefined) path += `${keys[i]}/`;
  return isObject.length >= 3 ? path : "";
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
 * without a location. Passing results are left as they are.
 */
export function withLocations(report: Report, read: (file: string) => string = (f) => fs.readFileSync(f, "utf8")): Report {
  const files = new Map<string, Map<string, SourceLocation> | undefined>();
  const locate = (r: Result): Result => {
    if (r.file === undefined) return r;
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
