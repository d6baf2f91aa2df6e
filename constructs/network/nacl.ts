import { Construct } from "constructs";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclAssociation } from "@cdktf/provider-aws/lib/network-acl-association";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { TierNaclRules } from "./nacl-rules";
import { Tier } from "./props";

/** Properties of a {@link TierNetworkAcl}. */
export interface TierNetworkAclProps {
  /** VPC the NACL belongs to. */
  readonly vpcId: string;
  /** Tier the NACL guards. */
  readonly tier: Tier;
  /** Numbered rules; what none of them matches is denied by the NACL's implicit final rule. */
  readonly rules: TierNaclRules;
  /** Subnets to associate, keyed by availability zone. */
  readonly subnetIdsByZone: ReadonlyMap<string, string>;
  /** Tags for the NACL. */
  readonly tags: Record<string, string>;
}

/**
 * A NACL dedicated to one tier: one `aws_network_acl` without inline rules, one
 * `aws_network_acl_rule` per rule and one association per subnet of the tier.
 */
export class TierNetworkAcl extends Construct {
  /** The NACL. */
  public readonly networkAcl: NetworkAcl;
  /** Its rules, ingress first. */
  public readonly rules: NetworkAclRule[] = [];

  constructor(scope: Construct, id: string, props: TierNetworkAclProps) {
    super(scope, id);
    this.networkAcl = new NetworkAcl(this, "acl", { vpcId: props.vpcId, tags: props.tags });
    for (const direction of ["ingress", "egress"] as const) {
      for (const rule of props.rules[direction]) {
        this.rules.push(
          new NetworkAclRule(this, `${direction}-${rule.ruleNumber}`, {
            networkAclId: this.networkAcl.id,
            egress: direction === "egress",
            ruleNumber: rule.ruleNumber,
            ruleAction: rule.action,
            protocol: rule.protocol,
            cidrBlock: rule.cidrBlock,
            fromPort: rule.fromPort,
            toPort: rule.toPort,
          }),
        );
      }
    }
    for (const [zone, subnetId] of props.subnetIdsByZone) {
      new NetworkAclAssociation(this, `association-${zone}`, { networkAclId: this.networkAcl.id, subnetId });
    }
  }
}
