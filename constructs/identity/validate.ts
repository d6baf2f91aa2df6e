import { Token } from "cdktf";

/** ARN partitions the constructs know the DNS suffix of. */
export type Partition = "aws" | "aws-us-gov" | "aws-cn";

const PARTITIONS: readonly Partition[] = ["aws", "aws-us-gov", "aws-cn"];

/** Longest service name: derived IAM, KMS and Secrets Manager names must stay within AWS limits. */
export const MAX_SERVICE_NAME_LENGTH = 32;

/** Builds the error thrown by a construct at construction time: `Kind "id": problem; fix.` */
export function constructError(kind: string, id: string, message: string): Error {
  return new Error(`${kind} "${id}": ${message}`);
}

/** True when the value is a token that is only known at synth or apply time. */
export function isToken(value: unknown): boolean {
  return typeof value === "string" ? Token.isUnresolved(value) : Token.isUnresolved(value as object);
}

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
export function requireServiceName(kind: string, id: string, prop: string, name: string): void {
  const problem = serviceNameProblem(name);
  if (problem) {
    throw constructError(kind, id, `${prop} "${name}" ${problem}; use a DNS label such as "orders" or "payments-api".`);
  }
}

/** Throws unless `accountId` is a twelve-digit account id (tokens pass). */
export function requireAccountId(kind: string, id: string, prop: string, accountId: string): void {
  if (isToken(accountId)) return;
  if (typeof accountId !== "string" || !/^\d{12}$/.test(accountId)) {
    throw constructError(kind, id, `${prop} "${accountId}" is not an AWS account id; pass the twelve digits, e.g. "123456789012".`);
  }
}

/** Throws unless `region` looks like an AWS region name (tokens pass). */
export function requireRegion(kind: string, id: string, prop: string, region: string): void {
  if (isToken(region)) return;
  if (typeof region !== "string" || !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(region)) {
    throw constructError(kind, id, `${prop} "${region}" is not an AWS region name; pass one such as "eu-west-1".`);
  }
}

/** Throws unless `partition` is one of the known partitions. */
export function requirePartition(kind: string, id: string, prop: string, partition: string): asserts partition is Partition {
  if (!PARTITIONS.includes(partition as Partition)) {
    throw constructError(kind, id, `${prop} "${partition}" is not supported; use one of ${PARTITIONS.map((p) => `"${p}"`).join(", ")}.`);
  }
}

/** DNS suffix of service endpoints and service principals in a partition. */
export function dnsSuffix(partition: Partition): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/**
 * Throws unless every literal entry of `arns` is an ARN of `partition` whose service is `service`
 * (and, when given, whose resource part matches `resource`). Tokens pass.
 */
export function requireArns(
  kind: string,
  id: string,
  prop: string,
  arns: readonly string[],
  partition: Partition,
  service: string,
  resource?: RegExp,
  example?: string,
): void {
  for (const arn of arns) {
    if (isToken(arn)) continue;
    const parts = typeof arn === "string" ? arn.split(":") : [];
    const ok = parts.length >= 6 && parts[0] === "arn" && parts[1] === partition && parts[2] === service && (!resource || resource.test(parts.slice(5).join(":")));
    if (!ok) {
      const hint = example ? `, e.g. "${example}"` : "";
      throw constructError(kind, id, `${prop} entry "${arn}" is not an ${service} ARN in partition "${partition}"; pass the full ARN${hint}.`);
    }
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
