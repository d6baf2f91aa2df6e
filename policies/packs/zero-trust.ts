import { Rule } from "../engine/types";
import { networkRules } from "../rules/network";
import { computeRules } from "../rules/compute";
import { identityRules } from "../rules/identity";
import { secretsRules } from "../rules/secrets";
import { loggingRules } from "../rules/logging";
import { gatewayRules } from "../rules/gateway";
import { loadbalancingRules } from "../rules/loadbalancing";
import { eksRules } from "../rules/eks";
import { kubernetesRules } from "../rules/kubernetes";
import { meshRules } from "../rules/mesh";
import { metaRules } from "../rules/meta";
import { graphRules } from "../rules/graph";
import { detectionRules } from "../rules/detection";
import { supplyChainRules } from "../rules/supply-chain";

/** A named, versioned set of rules. */
export interface Pack {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly rules: readonly Rule[];
}

/** The zero-trust pack: every rule of every domain. */
export const zeroTrustPack: Pack = {
  name: "zero-trust",
  version: "1",
  description: "Zero-trust defaults for AWS networks, hosts and ECS tasks, identities, secrets and data stores, gateways, EKS, Kubernetes and Istio.",
  rules: [
    ...networkRules,
    ...computeRules,
    ...identityRules,
    ...secretsRules,
    ...loggingRules,
    ...gatewayRules,
    ...loadbalancingRules,
    ...eksRules,
    ...kubernetesRules,
    ...meshRules,
    ...metaRules,
    ...graphRules,
    ...detectionRules,
    ...supplyChainRules,
  ],
};
