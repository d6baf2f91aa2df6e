import type { Partition } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { isToken } from "../core/validate";

export { isToken };
export type { Partition };

/** Longest service name: derived IAM, KMS and Secrets Manager names must stay within AWS limits. */
export const MAX_SERVICE_NAME_LENGTH = 32;

/**
 * Checks a service name: 1–32 characters of lowercase letters, digits and hyphens, starting with a
 * letter and not ending with a hyphen. Returns the reason it is invalid, or undefined.
 */
export function serviceNameProblem(name: string): string | undefined {
  if (typeof name !== "string" || isToken(name)) return "must be a literal string, not a token";
  if (name.length === 0 || name.length > MAX_SERVICE_NAME_LENGTH) return `must be 1 to ${MAX_SERVICE_NAME_LENGTH} characters long (got ${name.length})`;
  if (!/^[a-z]/.test(name)) return "must start with a lowercase letter";
  if (!/^[a-z0-9-]+$/.test(name)) return "may contain only lowercase letters, digits and hyphens";
  if (name.endsWith("-")) return "must not end with a hyphen";
  return undefined;
}

/** Throws unless `name` is a valid service name. */
export function requireServiceName(source: ErrorSource, prop: string, name: string): void {
  const problem = serviceNameProblem(name);
  if (problem) {
    throw new ValidationError(source, prop, `${prop} "${name}" ${problem}; use a DNS label such as "orders" or "payments-api".`);
  }
}

/** Converts a service name such as `payments-api` to `PaymentsApi`, for policy statement ids. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");
}
