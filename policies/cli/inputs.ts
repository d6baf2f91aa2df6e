import * as path from "path";
import { InputError, LoadedInput, holdsNothingToCheck, loadInputsDetailed, nothingToCheck } from "../engine/input";
import { Model } from "../engine/model";

/** What a command read: one model of every input, the stacks it was read from, and the files no output may replace. */
export interface CommandInputs {
  readonly model: Model;
  readonly inputs: readonly LoadedInput[];
  /** The files read (inputs, the manifests in input folders, the suppressions file), which an output must never replace. */
  readonly filesRead: readonly string[];
}

/** How a command reads its inputs. */
export interface CommandInputOptions {
  /** Suppressions for plans and plain Terraform JSON (`--suppressions`). */
  readonly suppressionsFile?: string;
  /** Let inputs without a managed resource through (`--allow-empty`); without it they are an input error. */
  readonly allowEmpty?: boolean;
}

/**
 * Reads the inputs of `ztb check` and `ztb graph` into one model (`loadInputsDetailed`). Inputs that hold no managed
 * resource are an `InputError` unless `allowEmpty` is set: a command that looked at nothing must not look like one
 * that found nothing.
 */
export function loadCommandInputs(paths: readonly string[], opts: CommandInputOptions = {}): CommandInputs {
  const { model, inputs } = loadInputsDetailed(paths, { suppressionsFile: opts.suppressionsFile });
  if (holdsNothingToCheck(model) && opts.allowEmpty !== true) {
    const files = inputs.flatMap((i) => i.files);
    throw new InputError(`${nothingToCheck(files.length === 1 ? files[0] : `each of ${files.join(", ")}`)}; pass --allow-empty to let an empty input pass`);
  }
  return { model, inputs, filesRead: filesRead(paths, inputs, opts.suppressionsFile) };
}

/** The files a command reads, which its output must never replace: inputs, the manifests in input folders, suppressions. */
function filesRead(paths: readonly string[], inputs: readonly { files: readonly string[] }[], suppressions: string | undefined): string[] {
  const out = [...paths, ...paths.map((p) => path.join(p, "manifest.json")), ...inputs.flatMap((i) => i.files)];
  if (suppressions !== undefined) out.push(suppressions);
  return out;
}
