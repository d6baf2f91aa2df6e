import { platformNode } from "../../policies/shared/service-graph";

/**
 * The EKS Pod Identity agent, a platform path of every mesh service: the AWS SDKs in the pods fetch the service's
 * credentials from it over HTTP at a link-local address (`AWS_CONTAINER_CREDENTIALS_FULL_URI`, IPv4 or IPv6 clusters).
 * The sidecar captures that connection like any other, so under REGISTRY_ONLY the agent must be in the registry, or
 * no pod gets credentials.
 */
export const POD_IDENTITY_AGENT = {
  /** Name of the path, as ServiceEntries and the edges annotation name it. */
  name: "eks-pod-identity-agent",
  /** Node of the path in edge descriptions. */
  node: platformNode("eks-pod-identity-agent"),
  /** Registry name of the agent. Clients dial its address, so the name only labels the entry and the Sidecar host. */
  host: "eks-pod-identity-agent.internal",
  /** The agent's addresses on every node. */
  addresses: ["169.254.170.23/32", "fd00:ec2::23/128"],
  /** The agent's port. */
  port: 80,
} as const;
