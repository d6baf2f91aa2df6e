import type { ESLint, Rule } from "eslint";
import { documentedProps } from "./documented-props";

/**
 * The project's own ESLint rules, registered as the `ztb` plugin in `eslint.config.ts`. The boundary between folders
 * is not here: it is ESLint's `no-restricted-imports`, configured per folder in `eslint.config.ts`.
 */
export const ztbPlugin: ESLint.Plugin = {
  meta: { name: "ztb" },
  rules: {
    // typescript-eslint types its rules' context with TypeScript nodes; ESLint's own types do not know them.
    "documented-props": documentedProps as unknown as Rule.RuleModule,
  },
};
