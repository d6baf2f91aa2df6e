import { UsageError } from "../engine/select";

/** How a command's option is parsed: whether it takes a value, and whether it may be given more than once. */
export interface OptionSpec {
  readonly value: boolean;
  readonly repeat?: boolean;
}

/** Short options and the long options they stand for. */
const SHORT: Record<string, string> = { f: "format", o: "output" };

/** Parsed command-line arguments: the positional ones, and each option's values in order. */
export interface Parsed {
  readonly positional: string[];
  readonly options: Map<string, string[]>;
}

/**
 * Parses the arguments of `ztb <command>` against the command's options (`--name value`, `--name=value`, `-f value`,
 * `-fvalue`, `--` ends the options). Throws `UsageError` with one line for an unknown option, a missing or unexpected
 * value, or an option given twice that may be given once.
 */
export function parseArgs(args: readonly string[], spec: Record<string, OptionSpec>, command: string): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      const long = SHORT[arg.slice(1, 2)];
      if (!long || !spec[long]) throw new UsageError(`unknown option ${arg} for \`ztb ${command}\`; see ztb --help`);
      name = long;
      inline = arg.length > 2 ? arg.slice(2) : undefined;
    }
    const opt = spec[name];
    if (!opt) throw new UsageError(`unknown option --${name} for \`ztb ${command}\`; see ztb --help`);
    let value = "";
    if (opt.value) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < args.length && !(args[i + 1].startsWith("-") && args[i + 1].length > 1)) value = args[++i];
      else throw new UsageError(`option --${name} needs a value`);
      if (value === "") throw new UsageError(`option --${name} needs a value`);
    } else if (inline !== undefined) {
      throw new UsageError(`option --${name} takes no value`);
    }
    const list = options.get(name) ?? [];
    if (list.length > 0 && !opt.repeat) throw new UsageError(`option --${name} given more than once`);
    list.push(value);
    options.set(name, list);
  }
  return { positional, options };
}

/** The value of an option given at most once. */
export function single(p: Parsed, name: string): string | undefined {
  return p.options.get(name)?.[0];
}
