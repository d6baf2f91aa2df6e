import js from "@eslint/js";
import type { Linter } from "eslint";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { ztbPlugin } from "./test/lint/plugin";

/**
 * A `no-restricted-imports` pattern for a project folder reached by a relative import (`../rules/network/x`,
 * `../../policies/cli/main`): `folder` is the path below the top folder, with or without its `policies/` prefix
 * when `underPolicies` is set.
 */
function projectImport(folder: string, message: string, underPolicies = false): { regex: string; message: string } {
  const prefix = underPolicies ? "(?:policies/)?" : "";
  return { regex: `^\\.\\.?/(?:\\.\\./)*${prefix}${folder}(?:/|$)`, message };
}

const cli = (who: string) => projectImport("cli", `${who} never import the CLI: shared code lives in policies/engine.`, true);
const reporters = (who: string) => projectImport("reporters", `${who} never import the reporters: the verdict lives in policies/engine/verdict.ts.`, true);
const gate = (who: string) => projectImport("gate", `${who} never import the gate: it is built on them.`, true);

/**
 * One dependency direction, folder by folder: constructs -> policies' public surface (never rule internals, never the
 * CLI); rules -> engine and policies/shared; engine -> itself; reporters -> engine; gate, CLI and jest matchers ->
 * engine, packs and reporters, sharing the engine's verdict; flow readers (policies/graph) -> engine, policies/shared
 * and the normalizers of the network, Kubernetes and mesh rules; policies/shared -> nothing. Each entry restricts the
 * imports of the files it names, as written in the source (relative paths).
 *
 * The rule is typescript-eslint's `no-restricted-imports` (ESLint's own, extended to `import x = require()`), not
 * eslint-plugin-boundaries: no import resolver or element settings to keep in step with the folders. Its patterns match
 * the import text, which suits a project whose folders reach each other only through relative imports.
 */
const boundaries: { files: string[]; patterns: { regex: string; message: string }[] }[] = [
  {
    files: ["constructs/**/*.ts"],
    patterns: [
      {
        regex: "^\\.\\.?/(?:\\.\\./)*policies/rules(?:/[^/_][^/]*)?$",
        message: "Constructs never import the rules: take a suppressed rule's id from constructs/rule-ids.ts, and what constructs and rules both need from policies/shared.",
      },
      {
        regex: "^\\.\\.?/(?:\\.\\./)*policies/rules/[^/]+/_",
        message:
          "Constructs never import rule internals (policies/rules/*/_*): move what both need to a shared module (policies/shared).",
      },
      {
        regex: "^\\.\\.?/(?:\\.\\./)*policies/rules/[^/]+/zt-",
        message: "Constructs never import the rules: take a suppressed rule's id from constructs/rule-ids.ts, and what constructs and rules both need from policies/shared.",
      },
      projectImport("policies/cli", "Constructs never import the CLI."),
    ],
  },
  {
    files: ["policies/engine/**/*.ts"],
    patterns: [
      projectImport("rules", "The engine never imports rules: rules depend on the engine, not the other way round.", true),
      projectImport("packs", "The engine never imports packs (they hold the rules).", true),
      cli("The engine and the rules"),
      reporters("The engine and the rules"),
      gate("The engine and the rules"),
      projectImport("jest", "The engine never imports the jest matchers: they are built on it.", true),
      projectImport("constructs", "The engine never imports constructs: it reads Terraform JSON and plans only."),
    ],
  },
  {
    files: ["policies/rules/**/*.ts"],
    patterns: [
      projectImport("constructs", "Rules never import constructs: they judge Terraform JSON, whoever wrote it."),
      cli("The engine and the rules"),
      reporters("The engine and the rules"),
      gate("The engine and the rules"),
      projectImport("(?:packs|jest)", "Rules never import packs or the jest matchers: they are built on the rules.", true),
    ],
  },
  {
    files: ["policies/reporters/**/*.ts"],
    patterns: [
      cli("Reporters"),
      gate("Reporters"),
      projectImport("(?:rules|packs)", "Reporters format a report and never import rules or packs.", true),
    ],
  },
  {
    files: ["policies/graph/**/*.ts"],
    patterns: [
      cli("The flow readers"),
      reporters("The flow readers"),
      gate("The flow readers"),
      projectImport("(?:packs|jest)", "The flow readers never import packs or the jest matchers: they are built on them.", true),
      projectImport("constructs", "The flow readers never import constructs: they rebuild flows from Terraform JSON and plans only."),
      {
        regex: "^\\.\\.?/(?:\\.\\./)*(?:policies/)?rules/(?!(?:network|kubernetes|mesh)/_)",
        message:
          "The flow readers import only the engine, policies/shared, the network rules' normalizers (policies/rules/network/_*) and those of the Kubernetes and mesh rules (policies/rules/kubernetes/_*, policies/rules/mesh/_*).",
      },
    ],
  },
  { files: ["policies/gate.ts", "policies/jest/**/*.ts", "policies/packs/**/*.ts"], patterns: [cli("The gate, packs and jest matchers")] },
  {
    files: ["policies/shared/**/*.ts"],
    patterns: [{ regex: "^\\.\\./", message: "policies/shared holds plain data for rules and constructs alike, and imports nothing of the project." }],
  },
];

export default defineConfig(
  { ignores: ["lib/**", "cdktf.out/**", "bench/out/**", "node_modules/**", "**/*.js", "**/*.d.ts"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      // Types come from tsconfig.json (this file is part of its program: test/lint/lint.ts imports it).
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    // The type-aware rules worth their cost (type information more than doubles the time lint takes): a promise that
    // is not awaited lets a test end before its assertions run, and lets the CLI exit before its report is written.
    // The rest of recommendedTypeChecked mostly flags `any` in tests that walk synthesized JSON.
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  ...boundaries.map(
    ({ files, patterns }): Linter.Config => ({
      files,
      rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
    }),
  ),
  {
    files: ["constructs/**/*.ts"],
    plugins: { ztb: ztbPlugin },
    rules: { "ztb/documented-props": "error" },
  },
);
