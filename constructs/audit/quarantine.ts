import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { EnvironmentOverrides, resolveEnvironment } from "../core/environment";
import { ValidationError, errorSource } from "../core/errors";
import { policyDocument } from "../core/policy-document";
import { INetwork } from "../network/network";
import { resourceTags } from "../network/tags";

/** Tag key marking the quarantine security group and policy, which responders look up by it. */
export const QUARANTINE_TAG_KEY = "zt:quarantine";

/** Properties of a {@link Quarantine}. */
export interface QuarantineProps extends EnvironmentOverrides {
  /** Network whose hosts the quarantine group isolates. */
  readonly network: INetwork;
  /**
   * Name prefix of the group and policy: `<name>-quarantine` and `<name>-quarantine-deny-all`.
   *
   * @default the construct id
   */
  readonly name?: string;
  /**
   * Extra tags of the group and policy.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/**
 * What incident responders attach to a compromised workload (see docs/incident-response.md):
 *
 * - a security group in the network with no rules at all: no ingress, and no egress either (it declares no `ingress`
 *   or `egress` blocks, so the AWS provider removes the allow-all egress rule AWS adds to a new group, and leaving the
 *   blocks unset keeps it from managing rules; nothing but a responder's later change opens it). Moving a host's
 *   network interfaces to it alone cuts every new connection; connections that security group tracking already
 *   follows may continue until they close (the runbook says how to end them);
 * - a customer managed policy that denies every action on every resource, which responders attach to a compromised
 *   role: an explicit Deny wins over every Allow of the role's other policies, for sessions already issued too.
 *
 * Both are tagged `zt:quarantine` so responders find them with one lookup, and both are inert until attached.
 */
export class Quarantine extends Construct {
  /** The security group with no rules. */
  readonly securityGroup: SecurityGroup;
  /** Id of the quarantine security group. */
  readonly securityGroupId: string;
  /** The deny-all managed policy. */
  readonly denyAllPolicy: IamPolicy;
  /** ARN of the deny-all managed policy. */
  readonly denyAllPolicyArn: string;

  constructor(scope: Construct, id: string, props: QuarantineProps) {
    const source = errorSource("Quarantine", scope, id);
    resolveEnvironment(scope, source, props);
    const name = props.name ?? id;
    if (!/^[A-Za-z0-9][A-Za-z0-9_+=,.@-]{0,99}$/.test(name)) {
      throw new ValidationError(source, "name", `name "${name}" must be 1 to 100 letters, digits or "_+=,.@-", starting with a letter or digit (it names an IAM policy and a security group).`);
    }
    super(scope, id);
    const tags = (resourceName: string) => resourceTags({ ...(props.tags ?? {}), [QUARANTINE_TAG_KEY]: "true" }, resourceName);
    const groupName = `${name}-quarantine`;
    this.securityGroup = new SecurityGroup(this, "group", {
      name: groupName,
      description: "Quarantine: no traffic in or out; incident responders move compromised hosts here",
      vpcId: props.network.vpcId,
      revokeRulesOnDelete: true,
      tags: tags(groupName),
    });
    this.securityGroupId = this.securityGroup.id;
    const policyName = `${name}-quarantine-deny-all`;
    this.denyAllPolicy = new IamPolicy(this, "deny-all", {
      name: policyName,
      description: "Quarantine: denies every action on every resource to the identity it is attached to",
      policy: policyDocument([{ Sid: "QuarantineDenyEverything", Effect: "Deny", Action: "*", Resource: "*" }]),
      tags: tags(policyName),
    });
    this.denyAllPolicyArn = this.denyAllPolicy.arn;
  }
}
