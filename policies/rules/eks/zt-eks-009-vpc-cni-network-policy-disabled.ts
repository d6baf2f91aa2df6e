import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Val } from "../../engine/types";

type Verdict = { readonly enforced: boolean | undefined; readonly why: string };

/** The `aws_eks_addon` resources of the vpc-cni add-on that name `cluster`: by reference, or by its literal name. */
function vpcCniAddons(cluster: Resource, model: Model): { addons: Resource[]; undecided: Resource | undefined } {
  const name = cluster.str("name");
  const addons: Resource[] = [];
  let undecided: Resource | undefined;
  const all = model.ofTypeIn("aws_eks_addon", cluster);
  const referring = model.referrers(cluster, "aws_eks_addon", "cluster_name");
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    const addon = a.get("addon_name");
    const target = a.get("cluster_name");
    const forCluster = referring.includes(a) || (target.kind === "known" && name !== undefined && target.value === name);
    // A cluster name from a variable or a resource not in the configuration may be this cluster's.
    const maybe = !forCluster && target.kind === "unknown" && !a.refs("cluster_name").some((ref) => ref.type === "aws_eks_cluster");
    const vpcCni = addon.kind === "known" ? addon.value === "vpc-cni" : addon.kind === "unknown" ? undefined : false;
    if (forCluster && vpcCni === true) addons.push(a);
    else if ((forCluster || maybe) && vpcCni !== false) undecided ??= a;
  }
  return { addons, undecided };
}

/** Whether a vpc-cni add-on's configuration_values turn network-policy enforcement on. */
function enforces(addon: Resource): Verdict {
  const v: Val = addon.configuredValue("configuration_values");
  if (v.kind === "unknown") return { enforced: undefined, why: `configuration_values of ${addon.address} is computed at apply time` };
  if (v.kind === "absent") return { enforced: false, why: `${addon.address} sets no configuration_values (enableNetworkPolicy defaults to "false")` };
  let config: unknown;
  try {
    config = JSON.parse(String(v.value));
  } catch {
    return { enforced: false, why: `configuration_values of ${addon.address} is not JSON` };
  }
  const flag = config !== null && typeof config === "object" ? (config as Record<string, unknown>).enableNetworkPolicy : undefined;
  if (flag === "true" || flag === true) return { enforced: true, why: "" };
  if (flag === undefined) return { enforced: false, why: `${addon.address} does not set enableNetworkPolicy (defaults to "false")` };
  return { enforced: false, why: `${addon.address} sets enableNetworkPolicy to ${JSON.stringify(flag)}` };
}

export const ztEks009 = defineRule({
  id: "ZT-EKS-009",
  title: "EKS cluster's VPC CNI does not enforce Kubernetes NetworkPolicies",
  severity: "high",
  domain: "eks",
  rationale:
    "On EKS the VPC CNI enforces NetworkPolicies only when its network-policy agent is turned on " +
    "(enableNetworkPolicy). Without it the API server accepts every NetworkPolicy and nothing enforces them: the " +
    "namespaces' default deny and every per-edge allow rule are on paper only, and every pod reaches every other.",
  remediation:
    'Manage the vpc-cni add-on with aws_eks_addon { addon_name = "vpc-cni", configuration_values = ' +
    'jsonencode({ enableNetworkPolicy = "true" }) } for the cluster. If the CNI is managed outside this configuration ' +
    "(another stack, Helm, or a CNI such as Cilium or Calico that enforces policies itself), record a suppression " +
    "with the reason on the cluster.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r, model) {
    const { addons, undecided } = vpcCniAddons(r, model);
    let computed: string | undefined;
    const reasons: string[] = [];
    for (let i = 0; i < addons.length; i++) {
      const v = enforces(addons[i]);
      if (v.enforced === true) return pass();
      if (v.enforced === undefined) computed ??= v.why;
      else reasons.push(v.why);
    }
    if (computed) return unknown(computed, "VpcCni");
    if (reasons.length > 0) return fail(`network policies are not enforced: ${reasons.join("; ")}`, "VpcCni");
    if (undecided) return unknown(`${undecided.address} may be this cluster's vpc-cni add-on (values computed at apply time)`, "VpcCni");
    // No vpc-cni add-on here: EKS installs its own vpc-cni (network policies off) unless told not to.
    const bootstrap = r.get("bootstrap_self_managed_addons");
    if (bootstrap.kind === "unknown" && r.configured("bootstrap_self_managed_addons")) return unknown("bootstrap_self_managed_addons is computed at apply time", "VpcCni");
    if (r.bool("bootstrap_self_managed_addons") === false) {
      return unknown("the cluster installs no default add-ons and this configuration manages no vpc-cni add-on: the CNI (and whether it enforces network policies) is managed elsewhere", "VpcCni");
    }
    return fail("no vpc-cni add-on for this cluster in the configuration: EKS installs the self-managed vpc-cni, which does not enforce network policies", "VpcCni");
  },
});
