import { Model, Resource } from "../../engine/model";
import { Val } from "../../engine/types";

/** Scan frequencies of a registry scanning rule that scan without anyone asking: on every push, or continuously. */
const SCANNING_FREQUENCIES: readonly string[] = ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"];

/** Whether the registry scanning configurations of a stack scan one repository, and which one does. */
export type RegistryScan =
  | { readonly scanned: true; readonly by: string }
  | { readonly scanned: false }
  | { readonly scanned: undefined; readonly why: string };

/** A boolean setting as written: `true`/`false` or their strings; undefined for anything else. */
export function booleanOf(v: Val): boolean | undefined {
  if (v.kind !== "known") return undefined;
  if (v.value === true || v.value === "true") return true;
  if (v.value === false || v.value === "false") return false;
  return undefined;
}

/**
 * True when a registry scanning filter matches a repository name, as ECR matches them: a filter with `*` wildcards
 * must match the whole name (each `*` standing for zero or more characters); a filter without one matches every name
 * that contains it.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-enhanced-enabling.html
 */
export function scanFilterMatches(filter: string, name: string): boolean {
  if (!filter.includes("*")) return name.includes(filter);
  const pattern = filter
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`).test(name);
}

/**
 * What the stack's `aws_ecr_registry_scanning_configuration` (the registry's one setting, for every repository of the
 * account and region) does for `repository`: scanned when a rule scanning on push or continuously has a filter that
 * matches its name; undecided when a scan type, frequency, filter or the name is computed at apply time; otherwise not.
 */
export function registryScanOf(repository: Resource, model: Model): RegistryScan {
  const name = repository.str("name");
  let why: string | undefined;
  const configurations = model.ofTypeIn("aws_ecr_registry_scanning_configuration", repository);
  for (let i = 0; i < configurations.length; i++) {
    const configuration = configurations[i];
    if (configuration.blocksUnknown("rule")) {
      why ??= `the rules of ${configuration.address} are computed at apply time`;
      continue;
    }
    const rules = configuration.blocks("rule");
    for (let j = 0; j < rules.length; j++) {
      const frequency = rules[j].get("scan_frequency");
      if (frequency.kind === "known" && !SCANNING_FREQUENCIES.includes(String(frequency.value))) continue;
      const filters = rules[j].blocks("repository_filter");
      for (let k = 0; k < filters.length; k++) {
        const filter = filters[k].get("filter");
        const matches = filter.kind === "known" && name !== undefined ? scanFilterMatches(String(filter.value), name) : filter.kind === "known" && filter.value === "*" ? true : undefined;
        if (matches === false) continue;
        if (matches === true && frequency.kind === "known") return { scanned: true, by: `${configuration.address} (${String(frequency.value)})` };
        why ??= `${configuration.address} may scan this repository (a scan frequency, filter or the repository name is computed at apply time)`;
      }
    }
  }
  return why === undefined ? { scanned: false } : { scanned: undefined, why };
}

/**
 * The resources of `type` (e.g. `aws_ecr_lifecycle_policy`) whose `repository` names `repository`: by reference, or
 * by its literal name. `undecided` is one whose `repository` is computed at apply time without naming another
 * repository of the configuration, so it may be this one's.
 */
export function attachedToRepository(repository: Resource, type: string, model: Model): { attached: Resource[]; undecided: Resource | undefined } {
  const name = repository.str("name");
  const referring = model.referrers(repository, type, "repository");
  const attached: Resource[] = [];
  let undecided: Resource | undefined;
  const all = model.ofTypeIn(type, repository);
  for (let i = 0; i < all.length; i++) {
    const candidate = all[i];
    const target = candidate.get("repository");
    if (referring.includes(candidate) || (target.kind === "known" && name !== undefined && target.value === name)) {
      attached.push(candidate);
      continue;
    }
    const otherRepository = candidate.refs("repository").some((ref) => ref.type === "aws_ecr_repository");
    if ((target.kind === "unknown" && !otherRepository) || (target.kind === "known" && name === undefined)) undecided ??= candidate;
  }
  return { attached, undecided };
}
