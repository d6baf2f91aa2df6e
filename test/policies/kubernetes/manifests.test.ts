import { Rule } from "../../../policies/engine/types";
import { kubernetesRules } from "../../../policies/rules/kubernetes";
import { ztK8s001 } from "../../../policies/rules/kubernetes/zt-k8s-001-namespace-without-restricted-pss";
import { ztK8s002 } from "../../../policies/rules/kubernetes/zt-k8s-002-namespace-without-default-deny";
import { ztK8s003 } from "../../../policies/rules/kubernetes/zt-k8s-003-privileged-container";
import { ztK8s004 } from "../../../policies/rules/kubernetes/zt-k8s-004-privilege-escalation-allowed";
import { ztK8s005 } from "../../../policies/rules/kubernetes/zt-k8s-005-container-may-run-as-root";
import { ztK8s006 } from "../../../policies/rules/kubernetes/zt-k8s-006-writable-root-filesystem";
import { ztK8s007 } from "../../../policies/rules/kubernetes/zt-k8s-007-capabilities-not-minimized";
import { ztK8s008 } from "../../../policies/rules/kubernetes/zt-k8s-008-host-namespaces";
import { ztK8s009 } from "../../../policies/rules/kubernetes/zt-k8s-009-service-account-token-automount";
import { ztK8s010 } from "../../../policies/rules/kubernetes/zt-k8s-010-missing-resource-limits";
import { ztK8s011 } from "../../../policies/rules/kubernetes/zt-k8s-011-image-not-pinned-by-digest";
import { ztK8s012 } from "../../../policies/rules/kubernetes/zt-k8s-012-seccomp-profile-not-restricted";
import { ztK8s013 } from "../../../policies/rules/kubernetes/zt-k8s-013-default-namespace";
import { ztK8s014 } from "../../../policies/rules/kubernetes/zt-k8s-014-pod-not-covered-by-network-policy";
import { ztK8s015 } from "../../../policies/rules/kubernetes/zt-k8s-015-role-wildcard-or-escalation";
import { ztK8s016 } from "../../../policies/rules/kubernetes/zt-k8s-016-binding-to-all-users";
import { ztK8s017 } from "../../../policies/rules/kubernetes/zt-k8s-017-cluster-admin-binding";
import { ztK8s018 } from "../../../policies/rules/kubernetes/zt-k8s-018-default-deny-blocks-dns";
import { ztK8s019 } from "../../../policies/rules/kubernetes/zt-k8s-019-secret-in-environment";
import { ztK8s020 } from "../../../policies/rules/kubernetes/zt-k8s-020-host-path-volume";
import { ztK8s021 } from "../../../policies/rules/kubernetes/zt-k8s-021-service-exposed-outside-cluster";
import { ztK8s022 } from "../../../policies/rules/kubernetes/zt-k8s-022-secret-value-in-configuration";
import { ztK8s023 } from "../../../policies/rules/kubernetes/zt-k8s-023-default-service-account";
import { expectRule, expectTableCovers, resultsOf } from "../../support/rules";
import { CARRIERS, carrierModel } from "./carriers";
import { coreManifests } from "./manifest-fixture";

/** Failing and passing manifests (by fixture id) per rule, the same in every carrier. */
const EXPECTED: readonly (readonly [Rule, { fail: string[]; pass: string[] }])[] = [
  [ztK8s001, { fail: ["lax"], pass: ["secure", "nodns"] }],
  [ztK8s002, { fail: ["lax"], pass: ["secure", "nodns"] }],
  [ztK8s003, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s004, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s005, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s006, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s007, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s008, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s009, { fail: ["insecure", "mounted"], pass: ["hardened", "report", "locked", "inherits"] }],
  [ztK8s010, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s011, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s012, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s013, { fail: ["insecure", "mounted"], pass: ["hardened", "report", "locked", "cluster-ip", "public-lb"] }],
  [ztK8s014, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s015, { fail: ["everything"], pass: ["reader"] }],
  [ztK8s016, { fail: ["anonymous-view"], pass: ["platform-admins"] }],
  [ztK8s017, { fail: ["platform-admins"], pass: ["anonymous-view"] }],
  [ztK8s018, { fail: ["nodns"], pass: ["secure"] }],
  [ztK8s019, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s020, { fail: ["insecure"], pass: ["hardened", "report"] }],
  [ztK8s021, { fail: ["public-lb", "node-port"], pass: ["cluster-ip", "internal-lb"] }],
  [ztK8s022, { fail: ["db-creds"], pass: ["sa-token"] }],
  [ztK8s023, { fail: ["insecure"], pass: ["hardened", "report", "inherits"] }],
];

describe("kubernetes rules on manifests", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, kubernetesRules));

  describe.each(CARRIERS)("carried by %s", (carrier) => {
    const { model, address } = carrierModel(carrier, coreManifests());
    const at = (ids: readonly string[]) => ids.map(address);

    it.each(EXPECTED.map(([rule, expected]) => [rule.id, rule, expected] as const))("%s: insecure twin fails, secure twin passes", (_id, rule, expected) => {
      expectRule(rule, model, { fail: at(expected.fail), pass: at(expected.pass), unknown: [] });
    });

    it("reports the items of each container, as on typed resources", () => {
      const items = (rule: Rule) =>
        resultsOf(rule, model)
          .filter((r) => r.address === address("insecure") && r.status === "fail")
          .map((r) => r.item)
          .sort();
      expect(items(ztK8s007)).toEqual(["Container::app", "Container::app:CAP_SYS_ADMIN"]);
      expect(items(ztK8s008)).toEqual(["HostNetwork", "HostPID"]);
      expect(items(ztK8s019)).toEqual(["Container::app:Env::DB_PASSWORD", "Container::app:EnvFrom::api-keys"]);
      expect(items(ztK8s020)).toEqual(["Volume::docker"]);
      const socket = resultsOf(ztK8s020, model).find((r) => r.address === address("insecure"))?.message;
      expect(socket).toBe("volume docker mounts the node's /var/run/docker.sock: the container runtime socket, which starts privileged containers on the node");
      const automount = resultsOf(ztK8s009, model).find((r) => r.address === address("insecure"))?.message;
      expect(automount).toBe('pod spec does not set automountServiceAccountToken, so ServiceAccount "default" in "default" decides, which this configuration does not hold: the token is mounted');
      const secret = resultsOf(ztK8s022, model).find((r) => r.address === address("db-creds"))?.message;
      expect(secret).toBe(`holds the values of "password" in ${carrier === "yaml" ? "the YAML file (and the repository's history)" : "the Terraform state"}`);
      const dns = resultsOf(ztK8s018, model).find((r) => r.address === address("nodns"))?.message;
      expect(dns).toBe(`${address("nodns-deny-all")} denies all egress and no NetworkPolicy in "nodns" admits DNS (UDP 53 to kube-dns in kube-system): pods cannot resolve names`);
    });

    it("reads a manifest of a core kind as the typed resource of its kind, at the carrier's address", () => {
      const types = new Map(model.resources.map((r) => [r.address, r.type]));
      expect(types.get(address("hardened"))).toBe("kubernetes_deployment_v1");
      expect(types.get(address("report"))).toBe("kubernetes_cron_job_v1");
      expect(types.get(address("secure-deny-all"))).toBe("kubernetes_network_policy_v1");
      expect(types.get(address("anonymous-view"))).toBe("kubernetes_cluster_role_binding_v1");
      expect(types.get(address("public-lb"))).toBe("kubernetes_service_v1");
    });
  });
});
