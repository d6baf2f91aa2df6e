import { Model } from "../../../policies/engine/model";
import { ztMesh001 } from "../../../policies/rules/mesh/zt-mesh-001-peer-authentication-not-strict";
import { ztMesh002 } from "../../../policies/rules/mesh/zt-mesh-002-namespace-without-strict-mtls";
import { ztMesh003 } from "../../../policies/rules/mesh/zt-mesh-003-authorization-policy-allows-any-caller";
import { ztMesh004 } from "../../../policies/rules/mesh/zt-mesh-004-namespace-without-allow-nothing-baseline";
import { ztMesh005 } from "../../../policies/rules/mesh/zt-mesh-005-sidecar-allows-any-egress";
import { ztMesh006 } from "../../../policies/rules/mesh/zt-mesh-006-namespace-without-registry-only-egress";
import { isMeshHost, ztMesh007 } from "../../../policies/rules/mesh/zt-mesh-007-destination-rule-disables-mtls";
import { Rule } from "../../../policies/engine/types";
import { configModel, expectRule, planModel, resultsOf, synthModel } from "../../support/rules";
import { meshFixture, meshRootFixture } from "./fixture";

const M = (name: string) => `kubernetes_manifest.${name}`;
const NS = (name: string) => `kubernetes_namespace_v1.${name}`;

function items(model: Model, rule: Rule, address: string, status = "fail"): string[] {
  return resultsOf(rule, model)
    .filter((r) => r.address === address && r.status === status)
    .map((r) => r.item ?? "")
    .sort();
}

function evaluated(model: Model, rule: Rule): string[] {
  return [...new Set(resultsOf(rule, model).map((r) => r.address))].sort();
}

describe("mesh rules on the namespace-level fixture", () => {
  const model = synthModel(meshFixture());

  test("ZT-MESH-001 PERMISSIVE / DISABLE modes, port-level overrides and an unset mesh-wide mode", () => {
    expectRule(ztMesh001, model, {
      fail: [M("orders_permissive"), M("port_disable"), M("root_unset")],
      pass: [M("payments_strict"), M("workload_unset")],
    });
    expect(items(model, ztMesh001, M("port_disable"))).toEqual(["Port::9090:DISABLE"]);
    expect(items(model, ztMesh001, M("root_unset"))).toEqual(["Mode::UNSET"]);
    expect(items(model, ztMesh001, M("orders_permissive"))).toEqual(["Mode::PERMISSIVE"]);
  });

  test("ZT-MESH-001 runs only on PeerAuthentication manifests", () => {
    expect(evaluated(model, ztMesh001)).toEqual(
      [M("orders_permissive"), M("payments_strict"), M("port_disable"), M("root_unset"), M("workload_unset")].sort(),
    );
  });

  test("ZT-MESH-002 mesh namespaces need STRICT mTLS; a namespace-wide PERMISSIVE policy overrides", () => {
    expectRule(ztMesh002, model, { fail: [NS("orders"), NS("ambient")], pass: [NS("payments")] });
    expect(evaluated(model, ztMesh002)).toEqual([NS("ambient"), NS("orders"), NS("payments")]);
    const msg = resultsOf(ztMesh002, model).find((r) => r.address === NS("orders"))?.message;
    expect(msg).toContain("PERMISSIVE");
  });

  test("ZT-MESH-003 ALLOW rules without from, with an empty rule or wildcard principals", () => {
    expectRule(ztMesh003, model, {
      fail: [M("orders_allow_all"), M("from_any_principal"), M("to_only")],
      pass: [M("payments_allow_nothing"), M("scoped"), M("when_namespace")],
    });
    expect(items(model, ztMesh003, M("from_any_principal"))).toEqual(["Rule::1"]);
    expect(items(model, ztMesh003, M("orders_allow_all"))).toEqual(["Rule::0"]);
    expect(resultsOf(ztMesh003, model).filter((r) => r.address === M("deny_external"))).toEqual([]);
  });

  test("ZT-MESH-004 allow-nothing baseline per mesh namespace", () => {
    expectRule(ztMesh004, model, { fail: [NS("orders"), NS("ambient")], pass: [NS("payments")] });
  });

  test("ZT-MESH-005 Sidecar outbound traffic policy", () => {
    expectRule(ztMesh005, model, { fail: [M("orders_sidecar")], pass: [M("payments_default")] });
  });

  test("ZT-MESH-006 default REGISTRY_ONLY Sidecar per sidecar-injected namespace (ambient is not applicable)", () => {
    expectRule(ztMesh006, model, { fail: [NS("orders")], pass: [NS("payments")] });
    expect(evaluated(model, ztMesh006)).toEqual([NS("orders"), NS("payments")]);
  });

  test("ZT-MESH-007 DestinationRule TLS toward in-mesh hosts, subsets and ports included", () => {
    expectRule(ztMesh007, model, { fail: [M("plaintext_reviews"), M("simple_subset")], pass: [M("mutual")] });
    expect(items(model, ztMesh007, M("simple_subset"))).toEqual(["Subset::v2/Port::8443:SIMPLE"]);
    expect(items(model, ztMesh007, M("plaintext_reviews"))).toEqual(["TrafficPolicy:DISABLE"]);
    expect(evaluated(model, ztMesh007)).not.toContain(M("external_api"));
  });
});

describe("mesh rules with mesh-wide defaults in istio-system", () => {
  const model = synthModel(meshRootFixture());

  test("ZT-MESH-001 a mesh-wide STRICT policy passes; UNSET outside the root namespace inherits", () => {
    expectRule(ztMesh001, model, { fail: [], pass: [M("mesh_strict"), M("legacy_unset")] });
  });

  test("ZT-MESH-002 the root STRICT policy covers namespaces whose own policy is UNSET or absent", () => {
    expectRule(ztMesh002, model, { fail: [], pass: [NS("shop"), NS("legacy")] });
  });

  test("ZT-MESH-004 the root allow-nothing policy covers every mesh namespace", () => {
    expectRule(ztMesh004, model, { fail: [], pass: [NS("shop"), NS("legacy")] });
  });

  test("ZT-MESH-005/006 a namespace default Sidecar without a policy replaces the REGISTRY_ONLY root Sidecar", () => {
    expectRule(ztMesh005, model, { fail: [M("legacy_default")], pass: [M("mesh_default")] });
    expectRule(ztMesh006, model, { fail: [NS("legacy")], pass: [NS("shop")] });
  });
});

// ---------------------------------------------------------------------------------------------------------

function manifest(kind: string, namespace: unknown, spec: unknown, api = "security.istio.io/v1beta1") {
  return { manifest: { apiVersion: api, kind, metadata: { name: "x", ...(namespace === undefined ? {} : { namespace }) }, spec } };
}

describe("mesh rules on raw configuration shapes", () => {
  test("AuthorizationPolicy sources: empty source, ipBlocks 0.0.0.0/0, negated fields and computed rules", () => {
    const ap = (spec: unknown) => manifest("AuthorizationPolicy", "apps", spec);
    const model = configModel({
      resource: {
        kubernetes_manifest: {
          empty_from: ap({ rules: [{ from: [{}] }] }),
          any_ip: ap({ rules: [{ from: [{ source: { ipBlocks: ["0.0.0.0/0"] } }] }] }),
          wild_ns: ap({ rules: [{ from: [{ source: { namespaces: ["*"], principals: ["*"] } }] }] }),
          not_principals: ap({ rules: [{ from: [{ source: { notPrincipals: ["cluster.local/ns/x/sa/y"] } }] }] }),
          wild_except: ap({ rules: [{ from: [{ source: { namespaces: ["*"], notNamespaces: ["untrusted"] } }] }] }),
          narrowed: ap({ rules: [{ from: [{ source: { namespaces: ["shop"], notPrincipals: ["cluster.local/ns/shop/sa/batch"] } }] }] }),
          computed_principal: ap({ rules: [{ from: [{ source: { principals: ["${var.principal}"] } }] }] }),
          computed_rules: ap({ rules: "${var.rules}" }),
          computed_spec: { manifest: { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name: "x" }, spec: "${var.spec}" } },
          custom: ap({ action: "CUSTOM", provider: { name: "ext" }, rules: [{}] }),
          lower_allow: ap({ action: "allow", rules: [{ to: [{}] }] }),
        },
      },
    });
    expectRule(ztMesh003, model, {
      fail: [M("empty_from"), M("any_ip"), M("wild_ns"), M("not_principals"), M("wild_except"), M("lower_allow")],
      pass: [M("narrowed"), M("computed_principal")],
      unknown: [M("computed_rules"), M("computed_spec")],
    });
    expect(resultsOf(ztMesh003, model).filter((r) => r.address === M("custom"))).toEqual([]);
    const message = (name: string) => resultsOf(ztMesh003, model).find((r) => r.address === M(name))?.message;
    expect(message("not_principals")).toBe(
      'ALLOW rule 0 from[0] source names no caller and only excludes notPrincipals ["cluster.local/ns/x/sa/y"]: every other caller is admitted',
    );
    expect(message("wild_except")).toContain('source matches any caller (namespaces ["*"]) and only excludes notNamespaces ["untrusted"]');
  });

  test("namespace mesh labels from kubernetes_labels, computed labels and a namespace referenced by a manifest", () => {
    const model = configModel({
      resource: {
        kubernetes_namespace_v1: {
          labelled: { metadata: { name: "labelled" } },
          computed: { metadata: { name: "computed", labels: "${var.labels}" } },
        },
        kubernetes_labels: {
          inject: { api_version: "v1", kind: "Namespace", metadata: { name: "${kubernetes_namespace_v1.labelled.metadata[0].name}" }, labels: { "istio-injection": "enabled" } },
        },
        kubernetes_manifest: {
          pa: manifest("PeerAuthentication", "${kubernetes_namespace_v1.labelled.metadata[0].name}", { mtls: { mode: "STRICT" } }),
        },
      },
    });
    expectRule(ztMesh002, model, { fail: [], pass: [NS("labelled")], unknown: [NS("computed")] });
    expectRule(ztMesh004, model, { fail: [NS("labelled")], pass: [], unknown: [NS("computed")] });
  });

  test("a PeerAuthentication whose namespace or mode is computed makes coverage unknown, not pass", () => {
    const model = configModel({
      resource: {
        kubernetes_namespace_v1: { n: { metadata: { name: "apps", labels: { "istio-injection": "enabled" } } } },
        kubernetes_manifest: {
          pa: manifest("PeerAuthentication", "${var.ns}", { mtls: { mode: "STRICT" } }),
          mode: manifest("PeerAuthentication", "apps", { mtls: { mode: "${var.mode}" } }),
        },
      },
    });
    expectRule(ztMesh002, model, { fail: [], pass: [], unknown: [NS("n")] });
    expectRule(ztMesh001, model, { fail: [], pass: [M("pa")], unknown: [M("mode")] });
  });

  test("a manifest without a namespace lives in default; Sidecar mode is case-insensitive", () => {
    const model = configModel({
      resource: {
        kubernetes_namespace_v1: { d: { metadata: { name: "default", labels: { "istio-injection": "enabled" } } } },
        kubernetes_manifest: {
          sc: manifest("Sidecar", undefined, { outboundTrafficPolicy: { mode: "registry_only" } }, "networking.istio.io/v1alpha3"),
        },
      },
    });
    expectRule(ztMesh005, model, { fail: [], pass: [M("sc")] });
    expectRule(ztMesh006, model, { fail: [], pass: [NS("d")] });
  });

  test("in-mesh host detection", () => {
    expect(["reviews", "reviews.prod.svc.cluster.local", "*.svc.cluster.local", "*.local", "db.svc", "*"].every(isMeshHost)).toBe(true);
    expect(["api.example.com", "reviews.prod", "*.example.com"].some(isMeshHost)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("mesh rules on plan-shaped JSON", () => {
  const change = (type: string, name: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown> = {}) => ({
    address: `${type}.${name}`,
    mode: "managed",
    type,
    name,
    change: { actions: ["create"], after, after_unknown: afterUnknown },
  });
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change("kubernetes_namespace_v1", "shop", { metadata: [{ name: "shop", labels: { "istio-injection": "enabled" }, annotations: null }] }),
      change("kubernetes_namespace_v1", "web", { metadata: [{ name: "web", labels: { "istio.io/rev": "stable" } }] }),
      change(
        "kubernetes_manifest",
        "strict",
        {
          manifest: { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } },
          object: null,
        },
        { object: true },
      ),
      change(
        "kubernetes_manifest",
        "web_permissive",
        {
          manifest: { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "default", namespace: "web" }, spec: { mtls: { mode: "PERMISSIVE" } } },
        },
        { object: true },
      ),
      change("kubernetes_manifest", "allow_all", {
        manifest: { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name: "all", namespace: "shop" }, spec: { rules: [{ to: [{ operation: { methods: ["GET"] } }] }] } },
      }),
    ],
  };
  const model = planModel(plan);

  test("namespace and manifest rules read plan values", () => {
    expectRule(ztMesh001, model, { fail: [M("web_permissive")], pass: [M("strict")] });
    expectRule(ztMesh002, model, { fail: [NS("web")], pass: [NS("shop")] });
    expectRule(ztMesh003, model, { fail: [M("allow_all")], pass: [] });
    expectRule(ztMesh004, model, { fail: [NS("shop"), NS("web")], pass: [] });
  });
});
