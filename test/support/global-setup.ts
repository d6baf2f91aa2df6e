import { topLevelEntries } from "./tree";

/** Records the repository's top-level entries before any test runs; `global-teardown.ts` compares. */
export default function globalSetup(): void {
  (globalThis as { ztbTopLevelEntries?: string[] }).ztbTopLevelEntries = topLevelEntries();
}
