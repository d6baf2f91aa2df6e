import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EcrRegistryScanningConfiguration } from "@cdktf/provider-aws/lib/ecr-registry-scanning-configuration";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";

const KIND = "RegistryScanning";

/** A repository filter of a scanning rule: lowercase repository name characters and `*` wildcards, 1 to 256 of them. */
const FILTER = /^[a-z0-9._/*-]{1,256}$/;

/** Properties of a {@link RegistryScanning}. */
export interface RegistryScanningProps {
  /**
   * `ENHANCED`: Amazon Inspector scans operating system and language packages, and keeps rescanning as new
   * vulnerabilities are published; `BASIC`: ECR scans operating system packages when an image is pushed.
   *
   * @default "ENHANCED"
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
   */
  readonly scanType?: "ENHANCED" | "BASIC";
  /**
   * When the repositories the filters match are scanned: `CONTINUOUS_SCAN` (enhanced only: on push, and again whenever
   * Inspector learns of a new vulnerability) or `SCAN_ON_PUSH`.
   *
   * @default "CONTINUOUS_SCAN" for ENHANCED, "SCAN_ON_PUSH" for BASIC
   */
  readonly frequency?: "CONTINUOUS_SCAN" | "SCAN_ON_PUSH";
  /**
   * Repositories scanned, as ECR wildcard filters: a filter with `*` matches whole names (`payments/*`), one without
   * matches every name that contains it.
   *
   * @default ["*"] - every repository of the registry
   */
  readonly repositoryFilters?: string[];
}

/**
 * The scanning configuration of the account's private registry in the stack's region
 * (`aws_ecr_registry_scanning_configuration`): one per account and region, so one per stack here, and it replaces
 * whatever was configured before. By default enhanced scanning with Amazon Inspector, continuously, of every
 * repository: what `ImageRepository`'s scan on push (basic scanning, per repository) cannot give.
 *
 * Enhanced scanning turns Amazon Inspector on for ECR in the account, which bills per image scanned; the principal that
 * applies it needs `inspector2:Enable` and may need `iam:CreateServiceLinkedRole` for Inspector's service-linked role.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-enhanced.html
 */
export class RegistryScanning extends Construct {
  /** The registry's scanning configuration. */
  readonly configuration: EcrRegistryScanningConfiguration;
  /** The scan type. */
  readonly scanType: "ENHANCED" | "BASIC";
  /** The scan frequency of every filter. */
  readonly frequency: "CONTINUOUS_SCAN" | "SCAN_ON_PUSH";
  /** The repository filters. */
  readonly repositoryFilters: readonly string[];

  constructor(scope: Construct, id: string, props: RegistryScanningProps = {}) {
    const source = errorSource(KIND, scope, id);
    const stack = TerraformStack.of(scope);
    const other = stack.node.findAll().find((c) => c instanceof RegistryScanning);
    if (other !== undefined) {
      throw new ValidationError(source, "scope", `stack "${stack.node.path}" already has the registry's scanning configuration at "${other.node.path}"; the registry has one per account and region.`);
    }
    super(scope, id);
    this.scanType = props.scanType ?? "ENHANCED";
    this.frequency = props.frequency ?? (this.scanType === "ENHANCED" ? "CONTINUOUS_SCAN" : "SCAN_ON_PUSH");
    this.repositoryFilters = [...(props.repositoryFilters ?? ["*"])];
    validate(source, this.scanType, this.frequency, this.repositoryFilters);
    this.configuration = new EcrRegistryScanningConfiguration(this, "configuration", {
      scanType: this.scanType,
      rule: [{ scanFrequency: this.frequency, repositoryFilter: this.repositoryFilters.map((filter) => ({ filter, filterType: "WILDCARD" })) }],
    });
  }
}

function validate(source: ErrorSource, scanType: string, frequency: string, filters: readonly string[]): void {
  if (scanType !== "ENHANCED" && scanType !== "BASIC") {
    throw new ValidationError(source, "scanType", `scanType "${scanType}" is not a scan type; pass "ENHANCED" or "BASIC".`);
  }
  if (frequency !== "CONTINUOUS_SCAN" && frequency !== "SCAN_ON_PUSH") {
    throw new ValidationError(source, "frequency", `frequency "${frequency}" is not a scan frequency; pass "CONTINUOUS_SCAN" or "SCAN_ON_PUSH".`);
  }
  if (scanType === "BASIC" && frequency === "CONTINUOUS_SCAN") {
    throw new ValidationError(source, "frequency", `frequency "CONTINUOUS_SCAN" needs scanType "ENHANCED"; basic scanning scans on push only.`);
  }
  if (filters.length === 0 || filters.length > 100) {
    throw new ValidationError(source, "repositoryFilters", `repositoryFilters needs 1 to 100 filters; pass ["*"] to scan every repository.`);
  }
  for (const filter of filters) {
    if (typeof filter !== "string" || !FILTER.test(filter)) {
      throw new ValidationError(source, "repositoryFilters", `repositoryFilters entry ${JSON.stringify(filter)} is not a repository filter: lowercase letters, digits, ".", "_", "-", "/" and "*" wildcards, e.g. "payments/*".`);
    }
  }
}
