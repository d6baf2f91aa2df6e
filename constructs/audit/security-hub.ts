import { Construct } from "constructs";
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";
import { SecurityhubOrganizationConfiguration } from "@cdktf/provider-aws/lib/securityhub-organization-configuration";
import { SecurityhubStandardsSubscription } from "@cdktf/provider-aws/lib/securityhub-standards-subscription";
import { EnvironmentOverrides, IEnvironment, resolveEnvironment } from "../core/environment";
import { errorSource } from "../core/errors";
import { OrganizationVariant, requireOrganization } from "./organization";

/** Version of the CIS AWS Foundations Benchmark standard {@link FindingsHub} subscribes to when asked. */
export const CIS_BENCHMARK_VERSION = "3.0.0";

/** Properties of a {@link FindingsHub}. */
export interface FindingsHubProps extends EnvironmentOverrides {
  /**
   * Subscribe to the CIS AWS Foundations Benchmark v3.0.0 standard as well.
   *
   * @default false
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html
   */
  readonly cis?: boolean;
  /**
   * The delegated administrator variant: Security Hub is turned on in new member accounts of the organization, with
   * the default standards, each account configured locally.
   *
   * @default - a single account
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html
   */
  readonly organization?: OrganizationVariant;
}

/** ARN of the AWS Foundational Security Best Practices v1.0.0 standard in the environment's region and partition. */
export function fsbpStandardArn(env: IEnvironment): string {
  return `${env.arnPrefix}:securityhub:${env.region}::standards/aws-foundational-security-best-practices/v/1.0.0`;
}

/** ARN of the CIS AWS Foundations Benchmark standard ({@link CIS_BENCHMARK_VERSION}) in the environment's region and partition. */
export function cisStandardArn(env: IEnvironment): string {
  return `${env.arnPrefix}:securityhub:${env.region}::standards/cis-aws-foundations-benchmark/v/${CIS_BENCHMARK_VERSION}`;
}

/**
 * AWS Security Hub for one account and region, subscribed explicitly to the AWS Foundational Security Best Practices
 * standard (and CIS when asked): the default standards are not enabled implicitly (`enable_default_standards =
 * false`), so what is subscribed is exactly what the configuration says; new controls of the subscribed standards
 * are enabled as AWS adds them, and findings are consolidated per control across standards (`SECURITY_CONTROL`), one
 * finding per control and resource. No cross-region finding aggregator is made. Declare it once per account and region.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards-fsbp.html
 */
export class FindingsHub extends Construct {
  /** The Security Hub account. */
  readonly account: SecurityhubAccount;
  /** The standard subscriptions, FSBP first. */
  readonly subscriptions: readonly SecurityhubStandardsSubscription[];

  constructor(scope: Construct, id: string, props: FindingsHubProps = {}) {
    const source = errorSource("FindingsHub", scope, id);
    const env = resolveEnvironment(scope, source, props);
    if (props.organization !== undefined) requireOrganization(source, "organization", props.organization);
    super(scope, id);
    this.account = new SecurityhubAccount(this, "account", {
      enableDefaultStandards: false,
      autoEnableControls: true,
      controlFindingGenerator: "SECURITY_CONTROL",
    });
    const arns = [fsbpStandardArn(env), ...(props.cis ? [cisStandardArn(env)] : [])];
    this.subscriptions = arns.map(
      (standardsArn, i) => new SecurityhubStandardsSubscription(this, i === 0 ? "fsbp" : "cis", { standardsArn, dependsOn: [this.account] }),
    );
    if (props.organization !== undefined) {
      new SecurityhubOrganizationConfiguration(this, "organization", {
        autoEnable: true,
        autoEnableStandards: "DEFAULT",
        organizationConfiguration: { configurationType: "LOCAL" },
        dependsOn: [this.account],
      });
    }
  }
}
