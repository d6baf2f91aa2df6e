import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { CST, Document, LineCounter, Parser, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import { CATALOG_SCHEMA, JsonSchema, patternText, runtimeDefinition } from "./catalog-schema";
import { checkDeclaration, closest, DeclarationProblem, SERVICE_NAME } from "./check";
import { PlatformDeclaration, ServiceDeclaration } from "./declaration";

/**
 * The service catalog file: the declaration of a platform's services as JSON or YAML, which application teams edit by
 * pull request. A file is read in three steps, and the first problem stops it: its syntax (YAML 1.2 or JSON, keys
 * unique), its shape (the JSON Schema in `catalog-schema.ts`, published as `docs/service-catalog.schema.json`), then
 * the checks every declaration gets (`checkDeclaration`). Each problem is one {@link CatalogError} naming the file,
 * the line and column, the path inside the file and the fix.
 */

const CATALOG_ERROR = Symbol.for("zt-blueprint.CatalogError");

/** Where a problem is in a catalog file. */
export interface CatalogLocation {
  /**
   * Path inside the file, e.g. `services[2].calls[0]`.
   *
   * @default - the whole file
   */
  readonly path?: string;
  /**
   * Line, from 1.
   *
   * @default - unknown
   */
  readonly line?: number;
  /**
   * Column, from 1.
   *
   * @default - unknown
   */
  readonly column?: number;
}

/**
 * A catalog file that cannot be read, is not valid JSON or YAML, does not match the catalog schema or declares an
 * unsound platform. The message is one line: `<file>:<line>:<column>: <path>: <problem>; <fix>` (line, column and path
 * when they are known).
 */
export class CatalogError extends Error {
  /** True when `x` is a CatalogError, also one created by another copy of this library. */
  public static isCatalogError(x: unknown): x is CatalogError {
    return typeof x === "object" && x !== null && CATALOG_ERROR in x;
  }

  /** The catalog file, as the caller named it. */
  public readonly file: string;
  /** Path inside the file (`services[2].calls[0]`); empty when the problem is the whole file. */
  public readonly path: string;
  /** Line of the problem, from 1, when known. */
  public readonly line?: number;
  /** Column of the problem, from 1, when known. */
  public readonly column?: number;
  /** The problem and its fix, without file, position and path. */
  public readonly problem: string;

  /**
   * @param file the catalog file
   * @param problem the problem and its fix
   * @param location where in the file
   */
  constructor(file: string, problem: string, location: CatalogLocation = {}) {
    const position = location.line !== undefined ? `:${location.line}:${location.column ?? 1}` : "";
    super(`${file}${position}: ${location.path ? `${location.path}: ` : ""}${problem}`);
    this.name = "CatalogError";
    this.file = file;
    this.path = location.path ?? "";
    this.line = location.line;
    this.column = location.line !== undefined ? (location.column ?? 1) : undefined;
    this.problem = problem;
    Object.defineProperty(this, CATALOG_ERROR, { value: true });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Reads service catalog files: `ServiceCatalog.load("services.yaml").services` is what a ServicePlatform takes. */
export class ServiceCatalog {
  /**
   * The declaration in `file` (`.json`, `.yaml` or `.yml`). Throws a {@link CatalogError} for the first problem: an
   * unsupported extension, a file that cannot be read, a syntax error, a schema error or an unsound declaration.
   */
  public static load(file: string): PlatformDeclaration {
    formatOf(file);
    return ServiceCatalog.parse(readText(file), file);
  }

  /**
   * The declaration in `text`, read as the format `file`'s extension names; `file` names the source in errors. Throws
   * a {@link CatalogError} like {@link ServiceCatalog.load}.
   */
  public static parse(text: string, file: string): PlatformDeclaration {
    // A byte order mark, as some Windows editors write, is not part of the text.
    const body = text.replace(/^\uFEFF/, "");
    const source = formatOf(file) === "json" ? readJson(body, file) : readYaml(body, file);
    checkShape(source);
    const services = (source.data as { services: ServiceDeclaration[] }).services;
    const problem = checkDeclaration({ services })[0];
    if (problem) throw semanticError(source, problem);
    return { services };
  }

  private constructor() {}
}

type Format = "json" | "yaml";

const FORMATS: Readonly<Record<string, Format>> = { ".json": "json", ".yaml": "yaml", ".yml": "yaml" };

function formatOf(file: string): Format {
  const extension = path.extname(file).toLowerCase();
  const format = FORMATS[extension];
  if (!format) {
    const given = extension ? `"${extension}"` : "a file without an extension";
    throw new CatalogError(file, `a catalog is JSON or YAML, not ${given}; name the file with one of ${Object.keys(FORMATS).join(", ")}.`);
  }
  return format;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CatalogError(file, `no such file; give the path of the catalog file (a relative path starts at ${process.cwd()}).`);
    if (code === "EISDIR") throw new CatalogError(file, "is a folder; give the path of the catalog file in it.");
    throw new CatalogError(file, `cannot be read (${code ?? (e as Error).message}); check the file's permissions.`);
  }
}

/** A parsed catalog file: its data, and its document for positions. */
interface Source {
  readonly file: string;
  readonly data: unknown;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** One step of a path inside a file: a key of a mapping or an index of a list. */
type Segment = string | number;

function readYaml(text: string, file: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: "1.2", uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const error = doc.errors[0];
  if (error) throw syntaxError({ file, data: undefined, doc, lines }, error.code, error.pos[0], "YAML", yamlFix(error.code, error.message));
  try {
    return { file, data: doc.toJS(), doc, lines };
  } catch (e) {
    throw new CatalogError(file, `${sentence((e as Error).message)}; write the values out instead of nesting aliases.`);
  }
}

function yamlFix(code: string, message: string): string {
  const reason = sentence(message);
  switch (code) {
    case "TAB_AS_INDENT":
      return `${reason}; indent with spaces.`;
    case "MULTIPLE_DOCS":
      return "more than one document; a catalog is one document, remove the \"---\" and what follows or merge them.";
    default:
      return `${reason}; check the indentation, the "key: value" pairs and the quotes at this place.`;
  }
}

/** A parser's message as part of a sentence: no final period, a lower-case start unless it starts with an acronym. */
function sentence(message: string): string {
  const trimmed = message.replace(/[.\s]+$/, "");
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}

/**
 * JSON is decided by `JSON.parse`; the YAML parser, restricted to the JSON schema, reads the same text for positions
 * and duplicate keys (which `JSON.parse` silently drops).
 */
function readJson(text: string, file: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: "1.2", schema: "json", uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const source = { file, data: undefined, doc, lines };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw jsonSyntaxError(source, text, (e as Error).message);
  }
  const duplicate = doc.errors.find((error) => error.code === "DUPLICATE_KEY");
  if (duplicate) throw syntaxError(source, duplicate.code, duplicate.pos[0], "JSON", "");
  return { ...source, data };
}

function jsonSyntaxError(source: Source, text: string, parseMessage: string): CatalogError {
  if (text.trim() === "") return new CatalogError(source.file, `is empty; write {"version": 1, "services": [...]}.`, { line: 1, column: 1 });
  const error = source.doc.errors[0];
  const found = firstNonJson(new Parser().parse(text));
  if (found && (!error || found.offset <= error.pos[0])) return syntaxError(source, "", found.offset, "JSON", found.fix);
  if (error) {
    const reason =
      error.code === "TAG_RESOLVE_FAILED"
        ? `${error.message.replace(/^Unresolved plain scalar /, "")} is not a JSON value; put strings in double quotes, and write numbers, true, false or null as they are.`
        : `${jsonReason(parseMessage)}; check the brackets, commas and quotes at this place.`;
    return syntaxError(source, error.code, error.pos[0], "JSON", reason);
  }
  return new CatalogError(source.file, `is not valid JSON (${parseMessage}); fix the syntax.`);
}

/** What `JSON.parse` found, without the position (the message gives line and column) or the echo of the text. */
function jsonReason(parseMessage: string): string {
  return sentence(parseMessage.replace(/ in JSON at position \d+[\s\S]*$/, "").replace(/, "[\s\S]*" is not valid JSON$/, ""));
}

/** A place the YAML parser reads but JSON does not allow, and its fix. */
interface NonJson {
  readonly offset: number;
  readonly fix: string;
}

const NON_JSON: Readonly<Record<string, string>> = {
  comment: "a comment, which JSON does not allow; remove it.",
  "single-quoted-scalar": "a string in single quotes; JSON strings take double quotes.",
  "block-scalar": "a YAML block string; write a JSON string in double quotes, or name the file .yaml.",
  "block-map": "YAML block syntax; write JSON objects in braces, or name the file .yaml.",
  "block-seq": "YAML block syntax; write JSON lists in brackets, or name the file .yaml.",
  anchor: "a YAML anchor; JSON has none, write the value out.",
  alias: "a YAML alias; JSON has none, write the value out.",
  tag: "a YAML tag; JSON has none, remove it.",
  directive: "a YAML directive; remove it.",
  "doc-start": "a YAML document marker; remove it.",
  "doc-end": "a YAML document marker; remove it.",
};

/** The first token (by offset) of a YAML syntax tree that JSON does not allow, including a comma before a closing bracket. */
function firstNonJson(tokens: Iterable<CST.Token>): NonJson | undefined {
  let first: NonJson | undefined;
  const consider = (found: NonJson) => {
    if (!first || found.offset < first.offset) first = found;
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== "object" || value === null) return;
    const token = value as { type?: unknown; offset?: unknown; items?: unknown };
    if (typeof token.type === "string" && typeof token.offset === "number" && NON_JSON[token.type]) consider({ offset: token.offset, fix: NON_JSON[token.type] });
    if (token.type === "flow-collection") trailingComma(token as CST.FlowCollection, consider);
    Object.values(value).forEach(visit);
  };
  visit([...tokens]);
  return first;
}

function trailingComma(collection: CST.FlowCollection, consider: (found: NonJson) => void): void {
  const last = collection.items[collection.items.length - 1];
  if (!last || last.key || last.sep || last.value) return;
  const comma = last.start.find((t) => t.type === "comma");
  if (comma) consider({ offset: comma.offset, fix: "a comma before the closing bracket, which JSON does not allow; remove it." });
}

function syntaxError(source: Source, code: string, offset: number, format: string, fix: string): CatalogError {
  const { line, col } = source.lines.linePos(offset);
  const at = pathAt(source.doc, offset, code === "DUPLICATE_KEY");
  const where = { path: at ? formatPath(at) : undefined, line, column: col };
  if (code === "DUPLICATE_KEY") {
    const key = at?.[at.length - 1];
    return new CatalogError(source.file, `${key === undefined ? "a key" : JSON.stringify(key)} is given twice in one mapping; keep one of them.`, where);
  }
  return new CatalogError(source.file, `not valid ${format}: ${fix}`, where);
}

/**
 * Path of the innermost key or value whose text holds `offset`, through entries that start before it (what follows a
 * syntax error may be read into keys that the file does not have); with `keyAtOffset`, the path of the key that starts
 * there (a duplicate key).
 */
function pathAt(doc: Document.Parsed, offset: number, keyAtOffset: boolean): Segment[] | undefined {
  const holds = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range !== undefined && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
  };
  const search = (node: unknown, at: Segment[]): Segment[] | undefined => {
    const entries: [Segment, unknown, unknown][] = isMap(node)
      ? node.items.map((pair) => [isScalar(pair.key) ? (pair.key.value as Segment) : String(pair.key), pair.key, pair.value])
      : isSeq(node)
        ? node.items.map((item, i) => [i, item, item])
        : [];
    for (const [segment, key, value] of entries) {
      const start = rangeStart(key);
      if (keyAtOffset && isScalar(key) && start === offset) return [...at, segment];
      if (start === undefined || start >= offset) continue;
      if (holds(value)) return search(value, [...at, segment]) ?? [...at, segment];
      if (holds(key)) return [...at, segment];
    }
    return undefined;
  };
  return search(doc.contents, []);
}

/** `services[2].calls[0]` for `["services", 2, "calls", 0]`. */
function formatPath(segments: readonly Segment[]): string {
  return segments
    .map((s, i) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${i === 0 ? "" : "."}${s}` : `[${JSON.stringify(s)}]`))
    .join("");
}

/** `["services", 2, "calls", 0]` for `services[2].calls[0]`. */
function parsePath(text: string): Segment[] {
  return [...text.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** Line and column of what `segments` names: the key of a mapping entry when `key` is set, otherwise the value. */
function positionOf(source: Source, segments: readonly Segment[], key = false): { line?: number; column?: number } {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node);
  for (const [i, segment] of segments.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      const last = i === segments.length - 1;
      offset = (key && last) || rangeStart(pair.value) === undefined ? rangeStart(pair.key) : rangeStart(pair.value);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  if (offset === undefined) return {};
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

let validator: ValidateFunction | undefined;

/** The catalog schema's validator, compiled on first use. */
function catalogValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, discriminator: true, verbose: true }).compile(CATALOG_SCHEMA);
  return validator;
}

function checkShape(source: Source): void {
  if (source.data === null || source.data === undefined) {
    throw new CatalogError(source.file, "is empty; start it with version: 1 and the list of services.", { line: 1, column: 1 });
  }
  const validate = catalogValidator();
  if (validate(source.data)) return;
  const error = mostUseful(source, validate.errors ?? []);
  throw schemaError(source, error);
}

/** Kinds of schema errors, most useful first when two are at the same depth: a typo'd field explains a missing one. */
const KEYWORD_RANK: Readonly<Record<string, number>> = { additionalProperties: 0, required: 1, discriminator: 3 };

/** The error to report: the deepest, then by kind, then the first in the file. */
function mostUseful(source: Source, errors: readonly ErrorObject[]): ErrorObject {
  const keyOf = (e: ErrorObject) => {
    const at = pointerSegments(e.instancePath);
    const { line, column } = positionOf(source, at);
    return [-at.length, KEYWORD_RANK[e.keyword] ?? 2, line ?? 0, column ?? 0];
  };
  const keyed = errors.map((e) => ({ e, key: keyOf(e) }));
  keyed.sort((a, b) => a.key.map((v, i) => v - b.key[i]).find((d) => d !== 0) ?? 0);
  return keyed[0].e;
}

/** `["services", 2, "calls", 0]` for the JSON pointer `/services/2/calls/0`. */
function pointerSegments(pointer: string): Segment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function schemaError(source: Source, error: ErrorObject): CatalogError {
  const at = pointerSegments(error.instancePath);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  if (error.keyword === "additionalProperties") {
    const field = String((error.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((parent.properties ?? {}) as object);
    const near = closest(field, allowed);
    const fix = near ? `did you mean "${near}"?` : `remove it or use one of: ${allowed.join(", ")}.`;
    return located(source, [...at, field], `unknown field "${field}"; ${fix}`, true);
  }
  if (error.keyword === "required" || (error.keyword === "discriminator" && (error.params as { error: string }).error === "tag")) {
    const field = error.keyword === "required" ? String((error.params as { missingProperty: string }).missingProperty) : "kind";
    return located(source, at, `missing "${field}"; ${missingFix(parent, field)}`);
  }
  if (error.keyword === "uniqueItems") {
    const { j } = error.params as { i: number; j: number };
    const list = error.data as unknown[];
    return located(source, [...at, j], `${label(at)} lists ${show(list[j])} twice; list each value once.`);
  }
  const schema = error.keyword === "discriminator" ? ((parent.properties as Record<string, JsonSchema>).kind ?? {}) : parent;
  const value = error.keyword === "discriminator" ? (error.data as Record<string, unknown>).kind : error.data;
  const target = error.keyword === "discriminator" ? [...at, "kind"] : at;
  return located(source, target, `${label(target)} must be ${expected(schema)}, not ${show(value)}.`);
}

function located(source: Source, at: readonly Segment[], problem: string, key = false): CatalogError {
  return new CatalogError(source.file, problem, { path: formatPath(at), ...positionOf(source, at, key) });
}

/** How a message names the value at `at`: `"port"`, `"methods[1]"`, `the catalog`. */
function label(at: readonly Segment[]): string {
  if (at.length === 0) return "the catalog";
  const last = at[at.length - 1];
  if (typeof last === "string") return `"${last}"`;
  const owner = at[at.length - 2];
  return `"${typeof owner === "string" ? owner : ""}[${last}]"`;
}

/** What a value of `schema` must be: `an integer from 1 to 65535`, `one of "http", "grpc"`. */
function expected(schema: JsonSchema): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  switch (schema.type) {
    case "integer":
      return schema.maximum !== undefined ? `an integer from ${schema.minimum} to ${schema.maximum}` : `an integer of at least ${schema.minimum}`;
    case "string":
      if (typeof schema.pattern === "string") return patternText(schema.pattern) ?? `a string matching ${schema.pattern}`;
      if (typeof schema.minLength === "number" && schema.minLength > 1) return `a string of at least ${schema.minLength} characters`;
      return schema.minLength === 1 ? "a non-empty string" : "a string";
    case "array":
      return "a list";
    case "object":
      return "an object (a mapping of fields)";
    default:
      return `of type ${String(schema.type)}`;
  }
}

/** A value as a message shows it: `"8443"`, `12`, `a list`, `empty`. */
function show(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return JSON.stringify(value);
}

/** The fix of a missing required field, by the schema definition that requires it. */
const MISSING_FIX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  catalog: { version: `add "version: 1" at the top (the catalog format version).`, services: "add the list of services." },
  service: {
    name: `add the service's name, a DNS label such as "orders".`,
    ports: "add the ports it listens on (ports: [] for a service that only calls others).",
    runtime: "add where it runs, e.g. runtime: { kind: ec2, amiId: ami-0abcdef1234567890 }.",
  },
  port: { name: `add the port's name, e.g. "https"; callers name it in calls.`, port: "add the port number (1 to 65535).", protocol: "add its protocol: http, grpc, tcp or udp." },
  call: { service: "add the name of the called service.", port: "add the callee's port name." },
  secret: { name: `add the secret's name, e.g. "db-password".` },
  rotation: { lambdaArn: "add the ARN of the Lambda function that rotates the secrets.", lambdaRoleArn: "add the ARN of the role the rotation function runs as." },
  runtime: { kind: "add the runtime kind: ec2 or kubernetes." },
  [runtimeDefinition("ec2")]: { amiId: `add the pinned AMI id of the hosts, e.g. "ami-0abcdef1234567890".` },
  [runtimeDefinition("kubernetes")]: { image: `add the container image pinned by digest, e.g. "111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:<64 hex digits>".` },
  route: {
    method: "add the route's HTTP method (GET, POST, ... or ANY).",
    path: `add the route's path, e.g. "/orders/{id}".`,
    port: "add the name of the service's http or grpc port the route reaches.",
    authorizer: "add the name of one of the gateway's authorizers, or { none: true, reason } for an anonymous route.",
  },
  anonymous: { none: "add none: true to mark the route anonymous.", reason: "add why callers need no authentication (at least 10 characters)." },
  external: {
    name: `add a name for the destination, e.g. "psp".`,
    port: "add the destination port (1 to 65535).",
    reason: "add why the service needs the destination (at least 10 characters); it is shown in every policy report.",
  },
};

/** Names of the schema's object schemas, by identity (ajv reports the schema object an error comes from). */
const SCHEMA_NAMES = new Map<unknown, string>([
  [CATALOG_SCHEMA, "catalog"],
  ...Object.entries(CATALOG_SCHEMA.definitions as Record<string, JsonSchema>).map(([name, schema]): [unknown, string] => [schema, name]),
  [((CATALOG_SCHEMA.definitions as Record<string, JsonSchema>).service.properties as Record<string, JsonSchema>).runtime, "runtime"],
]);

function missingFix(schema: JsonSchema, field: string): string {
  const fix = MISSING_FIX[SCHEMA_NAMES.get(schema) ?? ""]?.[field];
  if (fix) return fix;
  const property = ((schema.properties ?? {}) as Record<string, JsonSchema>)[field];
  return `add it: ${String(property?.description ?? field)}`;
}

function semanticError(source: Source, problem: DeclarationProblem): CatalogError {
  const who = problem.service !== undefined && SERVICE_NAME.test(problem.service) ? `service "${problem.service}" ` : "";
  return new CatalogError(source.file, `${who}${problem.message}`, { path: problem.path, ...positionOf(source, parsePath(problem.path)) });
}
