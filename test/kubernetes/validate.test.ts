import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { KubernetesManifest, kubernetesManifests, schemaProblem, validateManifests } from "../../constructs/kubernetes";
import { expectInvalid } from "../core/validation-error";
import { THREE_SERVICE_OPTIONS, threeServiceGraph, threeServiceWorkloads } from "./fixtures";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function built(): KubernetesManifest[] {
  return kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), THREE_SERVICE_OPTIONS);
}

/** The built manifests with the one at `index` changed by `edit` (on a deep copy). */
function edited(kind: string, name: string, edit: (m: Obj) => void): { manifests: KubernetesManifest[]; index: number } {
  const manifests = JSON.parse(JSON.stringify(built())) as Obj[];
  const index = manifests.findIndex((m) => m.kind === kind && m.metadata.name === name);
  edit(manifests[index]);
  return { manifests: manifests as KubernetesManifest[], index };
}

describe("validateManifests", () => {
  test("every manifest the builder writes passes the upstream schemas", () => {
    expect(() => validateManifests(built())).not.toThrow();
    const probed = threeServiceWorkloads().map((w) => ({ ...w, probes: { readiness: { port: "https", path: "/ready" }, liveness: { port: w.ports[w.ports.length - 1].name } } }));
    expect(() => validateManifests(kubernetesManifests(threeServiceGraph(), probed, { ...THREE_SERVICE_OPTIONS, istio: {}, limitRange: { max: { cpu: "2", memory: "1Gi" } } }))).not.toThrow();
  });

  test("a misspelt field fails with the manifest and the field path", () => {
    const { manifests, index } = edited("Deployment", "orders", (m) => {
      m.spec.template.spec.containers[0].securityContext.runAsNonRot = true;
    });
    expectInvalid(
      () => validateManifests(manifests),
      `manifests[${index}]`,
      "Deployment shop/orders: spec.template.spec.containers[0].securityContext.runAsNonRot is not a field of the schema (schema of apps/v1 Deployment).",
    );
  });

  test("a value of the wrong type fails with its path", () => {
    const { manifests, index } = edited("NetworkPolicy", "orders-from-storefront", (m) => {
      m.spec.policyTypes = "Ingress";
    });
    expectInvalid(() => validateManifests(manifests), `manifests[${index}]`, "NetworkPolicy shop/orders-from-storefront: spec.policyTypes must be array");
  });

  test("a missing required field fails with its path", () => {
    const { manifests, index } = edited("Service", "storefront", (m) => {
      delete m.spec.ports[0].port;
    });
    expectInvalid(() => validateManifests(manifests), `manifests[${index}]`, "Service web/storefront: spec.ports[0] must have required property port (schema of v1 Service).");
  });

  test("a misspelt field of a cluster-scoped object is named without a namespace", () => {
    const { manifests, index } = edited("Namespace", "web", (m) => {
      m.metadata.lables = {};
    });
    expectInvalid(() => validateManifests(manifests), `manifests[${index}]`, "Namespace web: metadata.lables is not a field of the schema");
  });

  test("a kind the emitter does not write has no schema here and is refused", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "web" }, spec: {} };
    expectInvalid(() => validateManifests([pod]), "manifests[0]", "Pod web/p: v1 Pod is not a kind the Kubernetes emitter writes");
  });

  test("schemaProblem leaves the manifest unchanged and finds nothing in a valid one", () => {
    const deployment = built().find((m) => m.kind === "Deployment")!;
    const before = JSON.stringify(deployment);
    expect(schemaProblem(Deployment, deployment)).toBeUndefined();
    expect(JSON.stringify(deployment)).toBe(before);
  });
});
