import { Construct } from "constructs";
import { AccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { EnvironmentOverrides, resolveEnvironment } from "../core/environment";
import { ValidationError, errorSource } from "../core/errors";
import { resourceTags } from "../network/tags";
import { OrganizationVariant, requireOrganization } from "./organization";

/** Properties of an {@link AccessAnalyzer}. */
export interface AccessAnalyzerProps extends EnvironmentOverrides {
  /**
   * Name of the analyzer.
   *
   * @default "zt-account-analyzer" ("zt-organization-analyzer" for the organization variant)
   */
  readonly name?: string;
  /**
   * The organization variant (in the management or delegated administrator account): the zone of trust is the
   * organization, and access granted outside it is reported for every member account.
   *
   * @default - the zone of trust is this account
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html
   */
  readonly organization?: OrganizationVariant;
  /**
   * Extra tags of the analyzer.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/**
 * IAM Access Analyzer for one account and region: an external access analyzer whose zone of trust is the account
 * (type ACCOUNT) or, for the organization variant, the organization (type ORGANIZATION). It reports every resource
 * policy (buckets, keys, roles, secrets, queues) that grants access to a principal outside that zone.
 */
export class AccessAnalyzer extends Construct {
  /** The analyzer. */
  readonly analyzer: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: AccessAnalyzerProps = {}) {
    const source = errorSource("AccessAnalyzer", scope, id);
    resolveEnvironment(scope, source, props);
    if (props.organization !== undefined) requireOrganization(source, "organization", props.organization);
    const organization = props.organization !== undefined;
    const name = props.name ?? (organization ? "zt-organization-analyzer" : "zt-account-analyzer");
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(name)) {
      throw new ValidationError(source, "name", `name "${name}" must start with a letter and hold up to 255 letters, digits, "_", "." or "-".`);
    }
    super(scope, id);
    this.analyzer = new AccessanalyzerAnalyzer(this, "analyzer", {
      analyzerName: name,
      type: organization ? "ORGANIZATION" : "ACCOUNT",
      tags: resourceTags(props.tags ?? {}, name),
    });
  }
}
