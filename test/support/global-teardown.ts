import { leftBehind, leftBehindMessage, topLevelEntries } from "./tree";

/** Fails the run when tests left new entries in the repository's top folder. */
export default function globalTeardown(): void {
  const before = (globalThis as { ztbTopLevelEntries?: string[] }).ztbTopLevelEntries;
  if (before === undefined) return;
  const message = leftBehindMessage(leftBehind(before, topLevelEntries()));
  if (message !== undefined) throw new Error(message);
}
