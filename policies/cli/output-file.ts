import * as fs from "fs";
import * as path from "path";
import { InputError } from "../engine/input";

/**
 * Writes `content` to `file`, without destroying what is not a report:
 *
 * - a symbolic link is followed, and its final target written (the link stays a link);
 * - a regular file (or a new one) is written atomically: a temporary file next to the real target, then a rename, with
 *   the mode of the file it replaces;
 * - a special file (`/dev/null`, `/dev/stdout`, a named pipe) is written in place, and stays what it is;
 * - a file among `inputs` (compared by real path and by inode) is refused: an output must never replace what it reads.
 *
 * Throws `InputError` with the reason; nothing is left behind when the write fails.
 */
export function writeFileAtomic(file: string, content: string, inputs: readonly string[] = []): void {
  const target = finalTarget(file);
  const existing = statOrUndefined(target);
  refuseInputs(file, target, existing, inputs);
  if (existing !== undefined && existing.isDirectory()) throw new InputError(`cannot write ${file}: it is a folder`);
  if (existing !== undefined && !existing.isFile()) {
    try {
      fs.writeFileSync(target, content);
    } catch (e) {
      throw new InputError(`cannot write ${file}: ${writeProblem(e as NodeJS.ErrnoException, path.dirname(target))}`);
    }
    return;
  }
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, content, existing !== undefined ? { mode: existing.mode & 0o7777 } : undefined);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
    throw new InputError(`cannot write ${file}: ${writeProblem(e as NodeJS.ErrnoException, dir)}`);
  }
}

/** `file` with every symbolic link along the final step followed (a dangling link names the file to create). */
function finalTarget(file: string): string {
  let p = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!fs.lstatSync(p).isSymbolicLink()) return p;
      link = fs.readlinkSync(p);
    } catch {
      return p; // Missing: the write creates it, or says why it cannot.
    }
    p = path.resolve(path.dirname(p), link);
  }
  throw new InputError(`cannot write ${file}: too many levels of symbolic links`);
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Throws `InputError` when `target` (the real file `file` names) is one of `inputs`. */
function refuseInputs(file: string, target: string, existing: fs.Stats | undefined, inputs: readonly string[]): void {
  if (existing === undefined) return;
  const real = realPath(target);
  for (const input of inputs) {
    const stat = statOrUndefined(input);
    if (stat === undefined || stat.isDirectory()) continue;
    if (realPath(input) === real || (stat.dev === existing.dev && stat.ino === existing.ino)) {
      throw new InputError(`refusing to write the report to ${file}: it is ${input}, an input of this check`);
    }
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Why a report could not be written, without the name of the temporary file. */
function writeProblem(e: NodeJS.ErrnoException, dir: string): string {
  if (e.code === "ENOENT") return `the folder ${dir} does not exist`;
  if (e.code === "EACCES" || e.code === "EPERM") return `permission denied in ${dir}`;
  if (e.code === "EISDIR") return "it is a folder";
  if (e.code === "ENOTDIR") return `${dir} is not a folder`;
  if (e.code === "ENOSPC") return "no space left on the device";
  return e.message;
}
