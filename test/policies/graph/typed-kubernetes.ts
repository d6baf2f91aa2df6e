import { GraphDocument, GraphEdge, GraphService, SERVICE_GRAPH_SCHEMA } from "../../../policies/shared/service-graph";

/**
 * Resources of the typed Kubernetes provider in Terraform JSON (block lists, as cdktf writes them), for graph tests
 * that write a configuration by hand.
 */

/** A Deployment of `service` in `namespace`, its pods labelled `app.kubernetes.io/name: <service>`. */
export function deployment(service: string, namespace: string): Record<string, unknown> {
  return {
    metadata: [{ name: service, namespace }],
    spec: [
      {
        selector: [{ match_labels: { "app.kubernetes.io/name": service } }],
        template: [
          {
            metadata: [{ labels: { "app.kubernetes.io/name": service } }],
            spec: [{ service_account_name: service, container: [{ name: "app", image: "registry.example.com/app" }] }],
          },
        ],
      },
    ],
  };
}

/** A NetworkPolicy of `namespace` isolating `service`'s pods for egress, reaching each of `to` on TCP `port`. */
export function egressPolicy(service: string, namespace: string, to: readonly Record<string, unknown>[], port: number): Record<string, unknown> {
  return {
    metadata: [{ name: `${service}-egress`, namespace }],
    spec: [{ pod_selector: [{ match_labels: { "app.kubernetes.io/name": service } }], policy_types: ["Egress"], egress: [{ to, ports: [{ port: String(port), protocol: "TCP" }] }] }],
  };
}

/** A `to` entry naming an address block, less the `except` blocks when given. */
export function ipBlock(cidr: string, except?: readonly string[]): Record<string, unknown> {
  return { ip_block: [{ cidr, ...(except !== undefined ? { except } : {}) }] };
}

/** A declared graph of `services` and `edges`, in the scope given. */
export function graphDocument(services: readonly GraphService[], edges: readonly GraphEdge[], scope?: GraphDocument["scope"]): GraphDocument {
  return { schema: SERVICE_GRAPH_SCHEMA, ...(scope !== undefined ? { scope } : {}), platform: "zt-platform/services", services, edges };
}

/** The carrier of a declared graph, as a `terraform_data` resource block. */
export function carrier(document: GraphDocument): Record<string, unknown> {
  return { ztb_service_graph: { input: JSON.stringify(document) } };
}
