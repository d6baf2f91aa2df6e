import { TerraformStack, Testing } from "cdktf";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { KubernetesManifest, kubernetesManifests } from "../../constructs/kubernetes";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { synthModel } from "../support/rules";
import { THREE_SERVICE_OPTIONS, threeServiceGraph, threeServiceWorkloads } from "./fixtures";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The rule ids of the pack's unsuppressed findings on a stack of the built manifests after `edit` (a hand-made twin). */
function findingsOfTwin(edit: (manifests: Obj[]) => Obj[]): string[] {
  const manifests = edit(JSON.parse(JSON.stringify(kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), THREE_SERVICE_OPTIONS))) as Obj[]);
  const stack = new TerraformStack(Testing.app(), "twin");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  manifests.forEach((m, i) => new Manifest(stack, `m${i}`, { manifest: m as KubernetesManifest }));
  const report = evaluate(synthModel(stack), zeroTrustPack.rules);
  return [...new Set(report.findings.filter((f) => !f.suppressed).map((f) => f.ruleId))].sort();
}

function named(kind: string, name: string): (m: Obj) => boolean {
  return (m) => m.kind === kind && m.metadata.name === name;
}

/** Changes the orders Deployment's pod spec. */
function ordersPod(change: (pod: Obj, container: Obj) => void): (manifests: Obj[]) => Obj[] {
  return (manifests) => {
    const pod = manifests.find(named("Deployment", "orders"))!.spec.template.spec;
    change(pod, pod.containers[0]);
    return manifests;
  };
}

describe("insecure twins of the Kubernetes manifests fail the pack", () => {
  test("the manifests as built have no finding", () => {
    expect(findingsOfTwin((m) => m)).toEqual([]);
  });

  test.each<[string, (manifests: Obj[]) => Obj[], string[]]>([
    [
      "a namespace without the restricted enforce label",
      (ms) => {
        delete ms.find(named("Namespace", "shop"))!.metadata.labels["pod-security.kubernetes.io/enforce"];
        return ms;
      },
      ["ZT-K8S-001"],
    ],
    ["a namespace without its default-deny policy", (ms) => ms.filter((m) => !(m.metadata.name === "default-deny" && m.metadata.namespace === "web")), ["ZT-K8S-002"]],
    ["default-deny without the DNS policy", (ms) => ms.filter((m) => !(m.metadata.name === "allow-dns-to-kube-dns" && m.metadata.namespace === "web")), ["ZT-K8S-018"]],
    ["a privileged container", ordersPod((_, c) => (c.securityContext.privileged = true)), ["ZT-K8S-003"]],
    ["privilege escalation allowed", ordersPod((_, c) => (c.securityContext.allowPrivilegeEscalation = true)), ["ZT-K8S-004"]],
    [
      "no runAsNonRoot",
      ordersPod((p, c) => {
        delete p.securityContext.runAsNonRoot;
        delete c.securityContext.runAsNonRoot;
      }),
      ["ZT-K8S-005"],
    ],
    ["a writable root filesystem", ordersPod((_, c) => (c.securityContext.readOnlyRootFilesystem = false)), ["ZT-K8S-006"]],
    ["capabilities not dropped", ordersPod((_, c) => delete c.securityContext.capabilities), ["ZT-K8S-007"]],
    ["the host network", ordersPod((p) => (p.hostNetwork = true)), ["ZT-K8S-008"]],
    ["the token mounted in the pods", ordersPod((p) => (p.automountServiceAccountToken = true)), ["ZT-K8S-009"]],
    ["no limits", ordersPod((_, c) => delete c.resources.limits), ["ZT-K8S-010"]],
    ["a tag-only image", ordersPod((_, c) => (c.image = "registry.example.com/orders:1.4")), ["ZT-K8S-011"]],
    [
      "no seccomp profile",
      ordersPod((p, c) => {
        delete p.securityContext.seccompProfile;
        delete c.securityContext.seccompProfile;
      }),
      ["ZT-K8S-012"],
    ],
    [
      "a NodePort Service",
      (ms) => {
        ms.find(named("Service", "orders"))!.spec.type = "NodePort";
        return ms;
      },
      ["ZT-K8S-021"],
    ],
  ])("%s", (_, edit, expected) => {
    expect(findingsOfTwin(edit)).toEqual(expected);
  });
});
