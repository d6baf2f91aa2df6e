import * as fs from "fs";
import * as path from "path";
import { isTerraformConfig, loadConfig } from "./load-synth";
import { loadManifestYaml } from "./manifests";
import { PlanConfiguration, PlanShapeError, isPlan, loadPlan } from "./load-plan";
import { parseJson, terraformJson } from "./terraform-json";
import { Model, Resource, initOf } from "./model";
import { Suppression } from "./types";

import { InputError } from "./input-error";

export { InputError };

export interface LoadInputsOptions {
  /**
   * Suppressions for inputs that cannot carry them (plans, plain Terraform JSON): a JSON file
   * `{"suppressions":[{"address","id","reason","expires"?,"appliesTo"?}]}` or a synthesized `cdk.tf.json`
   * whose resources carry `"//"` suppressions.
   */
  readonly suppressionsFile?: string;
  /** Time used to judge suppression expiry. Defaults to the current time. */
  readonly now?: Date;
}

/** One stack (or configuration, or plan) read from the inputs. */
export interface LoadedInput {
  readonly stack: string;
  readonly kind: "synth" | "plan";
  /** The files the stack was read from, relative to the current directory. */
  readonly files: readonly string[];
}

/** Suppressions keyed by resource address (no trailing index). */
export type SuppressionMap = ReadonlyMap<string, readonly Suppression[]>;

/**
 * Loads every input into one model. Each path may be a `cdktf.out` folder (every stack of its `manifest.json`),
 * a folder holding `cdk.tf.json` or `*.tf.json` files, a Terraform JSON configuration file,
 * `terraform show -json` output of a plan, or Kubernetes manifests: a YAML file (several documents allowed) or a folder
 * of them (read as `loadManifestYaml` reads each file). Throws `InputError` with a one-line message on bad input.
 */
export function loadInputs(paths: readonly string[], opts: LoadInputsOptions = {}): Model {
  return loadInputsDetailed(paths, opts).model;
}

/** Like `loadInputs`, and also tells which stacks were read from which files. */
export function loadInputsDetailed(paths: readonly string[], opts: LoadInputsOptions = {}): { model: Model; inputs: LoadedInput[] } {
  if (paths.length === 0) throw new InputError("no input given: pass a cdktf.out folder, a cdk.tf.json, a *.tf.json or a plan JSON file");
  const extra = opts.suppressionsFile !== undefined ? loadSuppressionsFile(opts.suppressionsFile) : undefined;
  // Plans read the policies they leave unknown until apply from the configuration they were made from (see `loadPlan`).
  const configuration = opts.suppressionsFile !== undefined ? new PlanConfiguration(() => readJson(opts.suppressionsFile as string)) : undefined;
  const resources: Resource[] = [];
  const inputs: LoadedInput[] = [];
  const used = new Set<string>();
  const uniqueStack = (name: string, file: string): string => {
    let stack = name;
    if (used.has(stack)) stack = display(file);
    for (let i = 2; used.has(stack); i++) stack = `${name}#${i}`;
    used.add(stack);
    return stack;
  };
  for (const p of paths) {
    for (const unit of unitsOf(p)) {
      const stack = uniqueStack(unit.stack, unit.files[0].file);
      const files: string[] = [];
      for (const entry of unit.files) {
        const shown = display(entry.file);
        files.push(shown);
        const json = entry.json;
        // Appended one by one: spreading a large configuration into `push` arguments would overflow the stack.
        const loaded = loadFile(shown, () =>
          json === undefined
            ? withExtraSuppressions(loadManifestYaml(readText(entry.file), stack, shown), extra)
            : isPlan(json)
              ? planResources(json, stack, shown, extra, configuration)
              : withExtraSuppressions(loadConfig(json, stack, shown, { releaseMetadata: true }), extra),
        );
        for (let i = 0; i < loaded.length; i++) resources.push(loaded[i]);
      }
      inputs.push({ stack, kind: unit.files.some((f) => f.json !== undefined && isPlan(f.json)) ? "plan" : "synth", files });
    }
  }
  return { model: new Model(resources, opts.now ?? new Date()), inputs };
}

/**
 * The resources `load` reads from one parsed file. Input is nested no deeper than `MAX_NESTING`, but what the engine
 * builds from it (locals put into locals) may still overflow the call stack: that is an input error naming the file.
 */
function loadFile(shown: string, load: () => Resource[]): Resource[] {
  try {
    return load();
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${shown}: too deeply nested to read (${e.message})`);
    throw e;
  }
}

/**
 * Whether a model holds nothing to check: no managed resource (data sources alone deploy nothing, and a plan that only
 * deletes resources still lists the data sources it read).
 */
export function holdsNothingToCheck(model: Model): boolean {
  return !model.resources.some((r) => r.mode === "managed");
}

/**
 * Why a check of inputs that hold nothing to check (`holdsNothingToCheck`) is refused: it would pass without having
 * looked at anything. `what` names the inputs.
 */
export function nothingToCheck(what: string): string {
  return `nothing to check: ${what} holds no resource (an empty configuration, or a plan that only deletes resources or takes them out of management)`;
}

/**
 * Reads a suppressions file: `{"suppressions":[...]}` with an `address` per entry, or a Terraform JSON
 * configuration whose resources carry `"//".ztb.suppressions` (mapped by address).
 */
export function loadSuppressionsFile(file: string): SuppressionMap {
  const json = readJson(file);
  const out = new Map<string, Suppression[]>();
  const add = (address: string, s: Suppression) => {
    const list = out.get(address) ?? [];
    list.push(s);
    out.set(address, list);
  };
  if (isTerraformConfig(json)) {
    for (const r of loadConfig(json, "suppressions", display(file))) for (const s of r.suppressions) add(r.address, s);
    return out;
  }
  const list = (json as { suppressions?: unknown } | null)?.suppressions;
  if (json === null || typeof json !== "object" || !Array.isArray(list)) {
    throw new InputError(`${display(file)}: not a suppressions file; expected {"suppressions":[{"address","id","reason"}]} or a cdk.tf.json`);
  }
  list.forEach((e, i) => {
    const entry = e as Record<string, unknown> | null;
    if (entry === null || typeof entry !== "object" || typeof entry.address !== "string" || typeof entry.id !== "string") {
      throw new InputError(`${display(file)}: suppressions[${i}] needs string "address" and "id" fields`);
    }
    for (const key of ["reason", "expires", "appliesTo"]) {
      if (entry[key] !== undefined && typeof entry[key] !== "string") throw new InputError(`${display(file)}: suppressions[${i}].${key} must be a string`);
    }
    add(stripIndex(entry.address), {
      id: entry.id,
      reason: typeof entry.reason === "string" ? entry.reason : "",
      ...(typeof entry.expires === "string" ? { expires: entry.expires } : {}),
      ...(typeof entry.appliesTo === "string" ? { appliesTo: entry.appliesTo } : {}),
    });
  });
  return out;
}

interface Unit {
  readonly stack: string;
  /** The files of the unit: parsed JSON, or (no `json`) a YAML file of Kubernetes manifests, read when loaded. */
  readonly files: { file: string; json?: Record<string, unknown> }[];
}

/** True for the name of a YAML file (`.yaml`, `.yml`). */
function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

function unitsOf(p: string): Unit[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    throw new InputError(`${p}: ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
  if (stat.isDirectory()) return unitsOfFolder(p);
  if (isYamlFile(p)) return [{ stack: path.basename(p).replace(/\.ya?ml$/i, "") || path.basename(p), files: [{ file: p }] }];
  const json = readJson(p);
  if (isManifest(json) && path.basename(p) === "manifest.json") return unitsOfManifest(path.dirname(p), json, p);
  return [{ stack: stackNameOf(p), files: [{ file: p, json: classify(p, json) }] }];
}

function unitsOfFolder(dir: string): Unit[] {
  const manifest = path.join(dir, "manifest.json");
  if (fs.existsSync(manifest)) {
    const json = readJson(manifest);
    if (!isManifest(json)) throw new InputError(`${display(manifest)}: not a cdktf.out manifest; expected an object with a "stacks" object`);
    return unitsOfManifest(dir, json, manifest);
  }
  const cdk = path.join(dir, "cdk.tf.json");
  if (fs.existsSync(cdk)) {
    return [{ stack: stackNameOf(cdk), files: [{ file: cdk, json: classify(cdk, readJson(cdk)) }] }];
  }
  const tf = listFolder(dir)
    .filter((f) => f.endsWith(".tf.json"))
    .sort();
  if (tf.length === 0) {
    // A folder of Kubernetes manifests (GitOps): every YAML file in it and its subfolders, as one input.
    const yaml = yamlFilesUnder(dir);
    if (yaml.length > 0) return [{ stack: path.basename(path.resolve(dir)), files: yaml.map((file) => ({ file })) }];
    throw new InputError(`${dir}: no manifest.json (cdktf.out), cdk.tf.json or *.tf.json files in this folder, and no Kubernetes manifests (*.yaml, *.yml) in it or below it`);
  }
  // A folder of *.tf.json files is one Terraform configuration.
  const name = path.basename(path.resolve(dir));
  return [{ stack: name, files: tf.map((f) => path.join(dir, f)).map((file) => ({ file, json: classify(file, readJson(file)) })) }];
}

interface Manifest {
  readonly stacks: Record<string, { synthesizedStackPath?: unknown; name?: unknown }>;
}

function isManifest(json: unknown): json is Manifest {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const stacks = (json as { stacks?: unknown }).stacks;
  return stacks !== null && typeof stacks === "object" && !Array.isArray(stacks);
}

function unitsOfManifest(outdir: string, manifest: Manifest, file: string): Unit[] {
  const entries = Object.entries(manifest.stacks);
  if (entries.length === 0) throw new InputError(`${display(file)}: the cdktf.out manifest lists no stacks; run cdktf synth with at least one stack`);
  return entries.map(([key, s]) => {
    const rel = s?.synthesizedStackPath;
    if (typeof rel !== "string" || rel === "") throw new InputError(`${display(file)}: stack "${key}" has no synthesizedStackPath`);
    const stackFile = path.join(outdir, rel);
    if (!insideFolder(outdir, rel)) {
      throw new InputError(`${display(file)}: stack "${key}" has synthesizedStackPath ${JSON.stringify(rel)}, which is not a file inside the cdktf.out folder; refused`);
    }
    if (!fs.existsSync(stackFile)) throw new InputError(`${display(stackFile)}: no such file (listed for stack "${key}" in ${display(file)})`);
    const name = typeof s.name === "string" && s.name !== "" ? s.name : key;
    return { stack: name, files: [{ file: stackFile, json: classify(stackFile, readJson(stackFile)) }] };
  });
}

/**
 * Whether `rel`, a path from a manifest, names a file inside `outdir`: relative, without `..` steps out of it, and,
 * once symbolic links are resolved, still inside the folder's real path.
 */
function insideFolder(outdir: string, rel: string): boolean {
  if (path.isAbsolute(rel) || path.win32.isAbsolute(rel)) return false;
  const within = (root: string, p: string) => {
    const r = path.relative(root, p);
    return r !== "" && r !== ".." && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r);
  };
  const root = path.resolve(outdir);
  const target = path.resolve(root, rel);
  if (!within(root, target)) return false;
  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch {
    return true; // Missing: reported as such; nothing outside is read.
  }
  return within(fs.realpathSync(root), real);
}

function classify(file: string, json: unknown): Record<string, unknown> {
  if (isPlan(json)) {
    if (json.errored === true) throw new InputError(`${display(file)}: the plan records "errored": true; fix the errors terraform reported and plan again`);
    return json;
  }
  if (isTerraformConfig(json)) return json;
  throw new InputError(`${display(file)}: neither a Terraform JSON configuration nor \`terraform show -json\` plan output`);
}

/**
 * Reads a JSON file. A Terraform JSON configuration is read as Terraform reads it, repeated keys included
 * (`terraformJson`); plans, manifests and suppressions files are plain JSON.
 */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A saved plan (`terraform plan -out`) is a zip archive, not JSON.
  if (text.startsWith("PK\u0003\u0004")) {
    throw new InputError(`${display(file)}: this is a binary plan file; run \`terraform show -json ${display(file)} > plan.json\` and check plan.json`);
  }
  const parsed = parseJson(text, display(file));
  if (isPlan(parsed.value) || !isTerraformConfig(parsed.value)) return parsed.value;
  return terraformJson(text, display(file), parsed);
}

/**
 * The YAML files under `dir` and its subfolders, in name order (a folder's files before its subfolders'). Folders whose
 * name starts with a dot (`.git`) are skipped, and so are symbolic links to folders (they may loop).
 */
function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const folder = pending.shift() as string;
    const names = listFolder(folder).sort();
    const subfolders: string[] = [];
    for (const name of names) {
      const full = path.join(folder, name);
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(full);
      } catch (e) {
        throw new InputError(`${full}: ${fileProblem(e as NodeJS.ErrnoException)}`);
      }
      if (stat.isDirectory()) {
        if (!name.startsWith(".")) subfolders.push(full);
      } else if (isYamlFile(name) && (stat.isFile() || stat.isSymbolicLink())) out.push(full);
    }
    pending.unshift(...subfolders);
  }
  return out;
}

/** The text of a file, or an `InputError` that says why it cannot be read. */
function readText(file: string): string {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new InputError(`${display(file)}: ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
}

/** The names in a folder, or an `InputError` that says why it cannot be listed. */
function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    throw new InputError(`${dir}: ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
}

/** Why a file or folder cannot be read, in a few words. */
function fileProblem(e: NodeJS.ErrnoException): string {
  if (e.code === "ENOENT") return "no such file or directory";
  if (e.code === "EISDIR") return "is a folder, not a file";
  if (e.code === "ENOTDIR") return "not found (a part of the path is a file, not a folder)";
  if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
  if (e.code === "ELOOP") return "too many levels of symbolic links";
  return `cannot read (${e.message})`;
}

function planResources(plan: Record<string, unknown>, stack: string, file: string, extra: SuppressionMap | undefined, configuration: PlanConfiguration | undefined): Resource[] {
  try {
    return loadPlan(plan, stack, file, extra ? (address) => extra.get(address) ?? [] : undefined, { configuration });
  } catch (e) {
    if (e instanceof PlanShapeError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

function withExtraSuppressions(resources: Resource[], extra: SuppressionMap | undefined): Resource[] {
  if (!extra || extra.size === 0) return resources;
  return resources.map((r) => {
    const more = extra.get(r.baseAddress);
    if (!more || more.length === 0) return r;
    return new Resource({ ...initOf(r), suppressions: [...r.suppressions, ...more] });
  });
}

/** Stack name of a single file: the folder name for `cdk.tf.json`, else the file name without `.tf.json`/`.json`. */
function stackNameOf(file: string): string {
  const base = path.basename(file);
  if (base === "cdk.tf.json") {
    const dir = path.basename(path.dirname(path.resolve(file)));
    return dir || "stack";
  }
  return base.replace(/\.tf\.json$/, "").replace(/\.json$/, "") || base;
}

function stripIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

/**
 * A path as shown in messages and reports, with forward slashes: as the user gave it (normalized), except that an
 * absolute path inside the current directory is shown relative to it, as code scanning expects.
 */
function display(file: string): string {
  let shown = path.normalize(file);
  if (path.isAbsolute(file)) {
    const rel = path.relative(process.cwd(), file);
    if (rel === "") shown = ".";
    else if (!rel.startsWith("..") && !path.isAbsolute(rel)) shown = rel;
  }
  return shown.split(path.sep).join("/");
}
