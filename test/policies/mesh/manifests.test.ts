import { Rule } from "../../../policies/engine/types";
import { meshRules } from "../../../policies/rules/mesh";
import { ztMesh001 } from "../../../policies/rules/mesh/zt-mesh-001-peer-authentication-not-strict";
import { ztMesh002 } from "../../../policies/rules/mesh/zt-mesh-002-namespace-without-strict-mtls";
import { ztMesh003 } from "../../../policies/rules/mesh/zt-mesh-003-authorization-policy-allows-any-caller";
import { ztMesh004 } from "../../../policies/rules/mesh/zt-mesh-004-namespace-without-allow-nothing-baseline";
import { ztMesh005 } from "../../../policies/rules/mesh/zt-mesh-005-sidecar-allows-any-egress";
import { ztMesh006 } from "../../../policies/rules/mesh/zt-mesh-006-namespace-without-registry-only-egress";
import { ztMesh007 } from "../../../policies/rules/mesh/zt-mesh-007-destination-rule-disables-mtls";
import { ztMesh008 } from "../../../policies/rules/mesh/zt-mesh-008-request-authentication-without-required-principal";
import { configModel, expectRule, expectTableCovers, resultsOf } from "../../support/rules";
import { CARRIERS, FixtureManifest, carrierModel } from "../kubernetes/carriers";

const SECURITY = "security.istio.io/v1";
const NETWORKING = "networking.istio.io/v1";

function istio(id: string, apiVersion: string, kind: string, namespace: string, spec: Record<string, unknown>): FixtureManifest {
  return { id, manifest: { apiVersion, kind, metadata: { name: id, namespace }, spec } };
}

const jwt = { jwtRules: [{ issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/.well-known/jwks.json" }] };
const requireToken = { action: "DENY", rules: [{ from: [{ source: { notRequestPrincipals: ["*"] } }] }] };

/** A mesh namespace with every Istio kind the mesh rules read, each with a secure and an insecure twin. */
function istioManifests(): FixtureManifest[] {
  return [
    { id: "edge", manifest: { apiVersion: "v1", kind: "Namespace", metadata: { name: "edge", labels: { "istio-injection": "enabled" } } } },
    { id: "open", manifest: { apiVersion: "v1", kind: "Namespace", metadata: { name: "open", labels: { "istio.io/rev": "1-24" } } } },
    istio("edge-strict", SECURITY, "PeerAuthentication", "edge", { mtls: { mode: "STRICT" } }),
    istio("legacy-permissive", SECURITY, "PeerAuthentication", "edge", { selector: { matchLabels: { app: "legacy" } }, mtls: { mode: "PERMISSIVE" } }),
    istio("edge-allow-nothing", SECURITY, "AuthorizationPolicy", "edge", {}),
    istio("legacy-allow-all", SECURITY, "AuthorizationPolicy", "edge", { selector: { matchLabels: { app: "legacy" } }, rules: [{}] }),
    istio("edge-default", NETWORKING, "Sidecar", "edge", { outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } }),
    istio("open-any", NETWORKING, "Sidecar", "open", { outboundTrafficPolicy: { mode: "ALLOW_ANY" } }),
    istio("orders-mutual", NETWORKING, "DestinationRule", "edge", { host: "orders.edge.svc.cluster.local", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } }),
    istio("orders-plaintext", NETWORKING, "DestinationRule", "edge", { host: "orders", trafficPolicy: { tls: { mode: "DISABLE" } } }),

    // RequestAuthentication: covered by a DENY of requests without a principal, by an ALLOW naming request principals
    // with a wider selector, not covered at all, and covered only by an ALLOW that also admits workloads without a token.
    istio("web-jwt", SECURITY, "RequestAuthentication", "edge", { selector: { matchLabels: { app: "web" } }, ...jwt }),
    istio("web-require-jwt", SECURITY, "AuthorizationPolicy", "edge", { selector: { matchLabels: { app: "web" } }, ...requireToken }),
    istio("shop-jwt", SECURITY, "RequestAuthentication", "edge", { selector: { matchLabels: { app: "shop", tier: "edge" } }, ...jwt }),
    istio("shop-users", SECURITY, "AuthorizationPolicy", "edge", {
      selector: { matchLabels: { app: "shop" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { requestPrincipals: ["https://issuer.example.com/*"] } }], to: [{ operation: { methods: ["GET"] } }] }],
    }),
    istio("api-jwt", SECURITY, "RequestAuthentication", "edge", { selector: { matchLabels: { app: "api" } }, ...jwt }),
    istio("admin-jwt", SECURITY, "RequestAuthentication", "edge", { selector: { matchLabels: { app: "admin" } }, ...jwt }),
    istio("admin-callers", SECURITY, "AuthorizationPolicy", "edge", {
      selector: { matchLabels: { app: "admin" } },
      rules: [
        { from: [{ source: { requestPrincipals: ["https://issuer.example.com/*"] } }] },
        { from: [{ source: { principals: ["cluster.local/ns/edge/sa/ops"] } }] },
      ],
    }),
  ];
}

/** Failing and passing manifests (by fixture id) per rule, the same in every carrier. */
const EXPECTED: readonly (readonly [Rule, { fail: string[]; pass: string[] }])[] = [
  [ztMesh001, { fail: ["legacy-permissive"], pass: ["edge-strict"] }],
  [ztMesh002, { fail: ["open"], pass: ["edge"] }],
  [ztMesh003, { fail: ["legacy-allow-all"], pass: ["edge-allow-nothing", "shop-users", "admin-callers"] }],
  [ztMesh004, { fail: ["open"], pass: ["edge"] }],
  [ztMesh005, { fail: ["open-any"], pass: ["edge-default"] }],
  [ztMesh006, { fail: ["open"], pass: ["edge"] }],
  [ztMesh007, { fail: ["orders-plaintext"], pass: ["orders-mutual"] }],
  [ztMesh008, { fail: ["api-jwt", "admin-jwt"], pass: ["web-jwt", "shop-jwt"] }],
];

describe("mesh rules on manifests", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, meshRules));

  describe.each(CARRIERS)("carried by %s", (carrier) => {
    const { model, address } = carrierModel(carrier, istioManifests());

    it.each(EXPECTED.map(([rule, expected]) => [rule.id, rule, expected] as const))("%s: insecure twin fails, secure twin passes", (_id, rule, expected) => {
      expectRule(rule, model, { fail: expected.fail.map(address), pass: expected.pass.map(address), unknown: [] });
    });

    it("ZT-MESH-008 names the workloads a request without a token reaches", () => {
      const message = resultsOf(ztMesh008, model).find((r) => r.address === address("api-jwt"))?.message;
      expect(message).toBe('no AuthorizationPolicy requires a request principal for workloads {"app":"api"} in "edge": a request without a token passes');
    });
  });
});

describe("ZT-MESH-008 on tricky shapes", () => {
  const manifest = (kind: string, namespace: string, spec: unknown) => ({
    manifest: { apiVersion: SECURITY, kind, metadata: { name: kind.toLowerCase(), namespace }, spec },
  });

  it("a namespace-wide RequestAuthentication needs a namespace-wide policy; a mesh-wide DENY in istio-system covers it", () => {
    const narrow = configModel({
      resource: {
        kubernetes_manifest: {
          ra: manifest("RequestAuthentication", "shop", jwt),
          ap: manifest("AuthorizationPolicy", "shop", { selector: { matchLabels: { app: "web" } }, ...requireToken }),
        },
      },
    });
    expectRule(ztMesh008, narrow, { fail: ["kubernetes_manifest.ra"], pass: [], unknown: [] });
    expect(resultsOf(ztMesh008, narrow)[0].message).toBe('no AuthorizationPolicy requires a request principal for namespace "shop": a request without a token passes');
    const meshWide = configModel({
      resource: { kubernetes_manifest: { ra: manifest("RequestAuthentication", "shop", jwt), ap: manifest("AuthorizationPolicy", "istio-system", requireToken) } },
    });
    expectRule(ztMesh008, meshWide, { fail: [], pass: ["kubernetes_manifest.ra"], unknown: [] });
  });

  it("a DENY that also names operations, or a policy in another namespace, does not cover; a computed policy is unknown", () => {
    const model = configModel({
      resource: {
        kubernetes_manifest: {
          ra: manifest("RequestAuthentication", "shop", jwt),
          only_post: manifest("AuthorizationPolicy", "shop", {
            action: "DENY",
            rules: [{ from: [{ source: { notRequestPrincipals: ["*"] } }], to: [{ operation: { methods: ["POST"] } }] }],
          }),
          elsewhere: manifest("AuthorizationPolicy", "orders", requireToken),
        },
      },
    });
    expectRule(ztMesh008, model, { fail: ["kubernetes_manifest.ra"], pass: [], unknown: [] });
    const computed = configModel({
      resource: { kubernetes_manifest: { ra: manifest("RequestAuthentication", "shop", jwt), ap: manifest("AuthorizationPolicy", "shop", "${var.spec}") } },
    });
    expectRule(ztMesh008, computed, { fail: [], pass: [], unknown: ["kubernetes_manifest.ra"] });
  });
});
