import * as path from "path";
import { ESLint, Linter } from "eslint";
import tseslint from "typescript-eslint";
import config from "../../eslint.config";

/** The repository's top folder, where `eslint.config.ts` lives. */
export const ROOT = path.resolve(__dirname, "../..");

let eslint: ESLint | undefined;

/**
 * Lints `text` with the project's configuration as if it were the file `file` (relative to the top folder), which need
 * not exist. The configuration is passed in rather than looked up, since jest cannot run ESLint's `import()` of it.
 * Type-aware rules are off: a file that does not exist has no place in the TypeScript project.
 */
export async function lintAs(file: string, text: string): Promise<Linter.LintMessage[]> {
  eslint ??= new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: [...config, tseslint.configs.disableTypeChecked] });
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages;
}

/** The messages of rule `ruleId` among `messages`. */
export function messagesOf(messages: readonly Linter.LintMessage[], ruleId: string): string[] {
  return messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
