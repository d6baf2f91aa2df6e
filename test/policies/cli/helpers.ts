import * as path from "path";
import { CliIo, main } from "../../../policies/cli/main";

export const FIXTURES = path.join(__dirname, "fixtures");

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process and captures its output. */
export async function ztb(argv: string[], opts: { isTTY?: boolean; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: opts.isTTY ?? false,
    env: opts.env ?? {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
