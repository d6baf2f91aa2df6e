import { Token } from "cdktf";
import { Partition } from "./environment";
import { ErrorSource, ValidationError } from "./errors";

/** True when the value is a token that is only known at synth or apply time. */
export function isToken(value: unknown): boolean {
  return typeof value === "string" ? Token.isUnresolved(value) : Token.isUnresolved(value as object);
}

/**
 * Throws unless every literal entry of `arns` is an ARN of `partition` whose service is `service`
 * (and, when given, whose resource part matches `resource`). Tokens pass.
 */
export function requireArns(
  source: ErrorSource,
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
      throw new ValidationError(source, prop, `${prop} entry "${arn}" is not an ${service} ARN in partition "${partition}"; pass the full ARN${hint}.`);
    }
  }
}

/** The account of a literal ARN, or undefined for tokens and malformed ARNs. */
export function accountOfArn(arn: string): string | undefined {
  if (isToken(arn)) return undefined;
  const account = arn.split(":")[4];
  return account === undefined || account === "" ? undefined : account;
}
