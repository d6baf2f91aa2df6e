import { Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { SERVICE_ACCOUNT_TYPES } from "../kubernetes/_workloads";

/** The annotation through which IAM roles for service accounts (IRSA) names the role of a ServiceAccount. */
const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

const DEFAULT_ACCOUNT_TYPES: readonly string[] = ["kubernetes_default_service_account", "kubernetes_default_service_account_v1"];

export const ztEks013 = defineRule({
  id: "ZT-EKS-013",
  title: "AWS role given to a namespace's default ServiceAccount",
  severity: "medium",
  domain: "eks",
  rationale:
    "Every pod that names no ServiceAccount runs as its namespace's default one. An EKS Pod Identity association " +
    `for "default", or an IRSA role named by its ${IRSA_ANNOTATION} annotation, hands the role's AWS credentials to ` +
    "all of those pods, present and future, whatever they run: the role no longer belongs to one workload, and " +
    "CloudTrail cannot tell which workload used it. Zero trust gives each workload its own ServiceAccount and its " +
    "own role. ZT-K8S-023 reports the workloads that run as the default account; this rule reports the grant.",
  remediation:
    "Associate the role with the workload's own ServiceAccount (aws_eks_pod_identity_association.service_account, or " +
    "the ZT Blueprint HardenedCluster's podIdentity(namespace, serviceAccount, identity)), remove the " +
    `${IRSA_ANNOTATION} annotation from the default ServiceAccount, and set serviceAccountName on the workload.`,
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "IA-2", "IA-9"],
  },
  resourceTypes: ["aws_eks_pod_identity_association", ...SERVICE_ACCOUNT_TYPES],
  check(r) {
    return r.type === "aws_eks_pod_identity_association" ? associationVerdict(r) : serviceAccountVerdict(r);
  },
});

function associationVerdict(association: Resource): Outcome {
  const account = association.get("service_account");
  if (account.kind === "unknown") return unknown("service_account is computed at apply time");
  if (account.kind === "known" && String(account.value) === "default") {
    const ns = association.str("namespace");
    return fail(`associates its role with the default ServiceAccount of namespace ${ns === undefined ? "(computed)" : `"${ns}"`}: every pod there that names no ServiceAccount gets the role's credentials`);
  }
  return pass();
}

/** A ServiceAccount named `default` (the typed default account always is) must not carry an IRSA role. */
function serviceAccountVerdict(account: Resource): Outcome {
  const name = DEFAULT_ACCOUNT_TYPES.includes(account.type) ? "default" : account.get("metadata.name");
  if (typeof name !== "string") {
    if (name.kind === "unknown") return unknown("metadata.name is computed at apply time");
    if (name.kind !== "known" || String(name.value) !== "default") return na("not a default ServiceAccount");
  }
  const annotations = account.get("metadata.annotations");
  if (annotations.kind === "unknown") return unknown("metadata.annotations is computed at apply time");
  const map = annotations.kind === "known" && annotations.value !== null && typeof annotations.value === "object" ? (annotations.value as Record<string, unknown>) : {};
  const role = map[IRSA_ANNOTATION];
  if (role === undefined || role === null || role === "") return pass();
  return fail(`the default ServiceAccount names an IAM role in its ${IRSA_ANNOTATION} annotation: every pod that names no ServiceAccount gets the role's credentials`);
}
