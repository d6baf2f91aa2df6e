import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { asRecord, isExpr } from "./_workloads";

/** Annotations that make the AWS load balancer of a Service internal, with the value each needs. */
const INTERNAL: readonly (readonly [string, string])[] = [
  ["service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"],
  ["service.beta.kubernetes.io/aws-load-balancer-internal", "true"],
];

export const ztK8s021 = defineRule({
  id: "ZT-K8S-021",
  title: "Service is exposed outside the cluster (NodePort, or a LoadBalancer that is not internal)",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "A LoadBalancer Service without the internal annotation gets an internet-facing load balancer, and a NodePort " +
    "Service opens its port on every node: both let callers reach the pods without passing the gateway, its " +
    "authentication and the mesh's identity checks. Traffic from outside should enter through one reviewed edge.",
  remediation:
    'Use type ClusterIP and route outside callers through the platform\'s gateway; where a load balancer is needed, ' +
    'annotate the Service with service.beta.kubernetes.io/aws-load-balancer-scheme: "internal" (AWS Load Balancer ' +
    'Controller) or service.beta.kubernetes.io/aws-load-balancer-internal: "true".',
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(3)", "AC-4"],
    checkov: ["CKV_K8S_151"],
  },
  resourceTypes: ["kubernetes_service", "kubernetes_service_v1"],
  check(r) {
    const type = r.get("spec.type");
    if (type.kind === "unknown") return unknown("spec.type is computed at apply time");
    const kind = type.kind === "known" ? String(type.value) : "ClusterIP";
    if (kind === "NodePort") return fail("type NodePort opens the service's ports on every node of the cluster", "Type::NodePort");
    if (kind !== "LoadBalancer") return kind === "ExternalName" ? na("ExternalName services expose nothing") : pass();
    const annotations = r.get("metadata.annotations");
    if (annotations.kind === "unknown") return unknown("metadata.annotations is computed at apply time");
    const map = (annotations.kind === "known" && asRecord(annotations.value)) || {};
    let computed = false;
    for (let i = 0; i < INTERNAL.length; i++) {
      const [key, internal] = INTERNAL[i];
      const v = map[key];
      if (isExpr(v)) computed = true;
      else if (typeof v === "string" && v.toLowerCase() === internal) return pass();
    }
    if (computed) return unknown("the load balancer scheme annotation is computed at apply time");
    return fail("type LoadBalancer without an internal annotation gets an internet-facing load balancer", "Type::LoadBalancer");
  },
});
