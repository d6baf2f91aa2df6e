/** Severity of a rule, highest first. */
export type Severity = "critical" | "high" | "medium" | "low";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** Numeric rank of a severity: critical = 4 … low = 1. */
export function severityRank(s: Severity): number {
  return 4 - SEVERITIES.indexOf(s);
}

/** A typed reference to another resource (or variable/local) found in a value. */
export interface Ref {
  /** What the reference points at. */
  readonly kind: "resource" | "data" | "var" | "local" | "module" | "other";
  /** Address of the target without attribute or index: `aws_kms_key.k`, `data.aws_iam_policy_document.p`. */
  readonly address: string;
  /** Resource type for resource and data references. */
  readonly type?: string;
  /** Attribute path after the address, e.g. `arn` or `metadata.0.name`. */
  readonly attr?: string;
  /** The reference as written. */
  readonly raw: string;
}

/** A value as a rule sees it: known, unknown until apply (with its references), or absent. */
export type Val =
  | { readonly kind: "known"; readonly value: unknown }
  | { readonly kind: "unknown"; readonly refs: readonly Ref[] }
  | { readonly kind: "absent" };

/** A suppression of one rule on one resource (or its descendants when declared on a construct). */
export interface Suppression {
  /** Rule id, e.g. `ZT-NET-001`. */
  readonly id: string;
  /** Why the finding is accepted. At least 10 characters. */
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  readonly expires?: string;
  /** Limits the suppression to findings whose item matches this pattern (`*` wildcards). */
  readonly appliesTo?: string;
}

/** The outcome of one rule on one resource. */
export type Outcome =
  | { readonly status: "pass"; readonly item?: string }
  | { readonly status: "fail"; readonly message: string; readonly item?: string }
  | { readonly status: "unknown"; readonly message: string; readonly item?: string }
  | { readonly status: "na"; readonly reason?: string };

/** Standards a rule maps to. */
export interface RuleReferences {
  /** NIST SP 800-207 tenets, e.g. `Tenet 2`. */
  readonly nist800207?: readonly string[];
  /** NIST SP 800-53 rev. 5 controls, e.g. `SC-7`. */
  readonly nist80053?: readonly string[];
  /** CIS AWS Foundations Benchmark items (or CIS Kubernetes for k8s rules), e.g. `5.2`. */
  readonly cis?: readonly string[];
  /** Equivalent Checkov ids, e.g. `CKV_AWS_79`. */
  readonly checkov?: readonly string[];
  /** Equivalent cdk-nag ids, e.g. `AwsSolutions-EC23`. */
  readonly cdkNag?: readonly string[];
  /** AWS Security Hub Foundational Security Best Practices control ids the rule implements, e.g. `EC2.8`. */
  readonly securityHub?: readonly string[];
}

export type Domain =
  | "network"
  | "compute"
  | "identity"
  | "secrets"
  | "logging"
  | "gateway"
  | "loadbalancing"
  | "eks"
  | "kubernetes"
  | "mesh"
  | "meta"
  | "graph"
  | "detection"
  | "supply-chain";

/** A policy rule: metadata plus a pure check. */
export interface Rule {
  /** Stable id, e.g. `ZT-NET-001`. Never reused. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly domain: Domain;
  /** Why the rule matters in a zero-trust architecture. */
  readonly rationale: string;
  /** What to change to comply. */
  readonly remediation: string;
  readonly references: RuleReferences;
  /** Resource types the check runs on (`aws_instance`, `data.aws_iam_policy_document` is not a target). */
  readonly resourceTypes: readonly string[];
  /** Pure check of one resource. May return several outcomes (one per item). Must not throw on odd input. */
  check(resource: import("./model").Resource, ctx: import("./model").Model): Outcome | readonly Outcome[];
}

/** One evaluated (rule, resource, item) triple. */
export interface Result {
  readonly ruleId: string;
  /** Stable id naming the item as well: `ZT-IAM-001[Action::s3:*]`. Equals `ruleId` when there is no item. */
  readonly findingId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly status: "pass" | "fail" | "unknown" | "error";
  readonly address: string;
  readonly stack: string;
  readonly resourceType: string;
  readonly message: string;
  readonly item?: string;
  readonly suppressed: boolean;
  readonly suppressionReason?: string;
  /** Construct path of the resource when known. */
  readonly path?: string;
  /** The input file the resource came from. */
  readonly file?: string;
  /** 1-based line of the resource in `file` (of the part its item names, where the reader can tell), once located (see `withLocations`, `Resource.locate`). */
  readonly line?: number;
  /** 1-based column of the resource in `file`, once located. */
  readonly column?: number;
}

/** Result of a check run. */
export interface Report {
  readonly pack: string;
  readonly packVersion: string;
  readonly resources: number;
  readonly rules: readonly Rule[];
  /** Every result, passes included, in rule order and then resource order. */
  readonly results: readonly Result[];
  /** Failed and errored results (suppressed ones included), in report order. */
  readonly findings: readonly Result[];
  /** Number of passed results. */
  readonly passed: number;
  /** Number of unsuppressed results that cannot be decided before apply. */
  readonly unknown: number;
  /** Results that cannot be decided before apply (status `unknown`, suppressed ones included), in report order. */
  readonly unknowns: readonly Result[];
}
