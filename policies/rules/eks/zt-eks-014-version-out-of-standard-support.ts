import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import {
  EKS_VERSION_CALENDAR,
  KUBERNETES_VERSIONS_AS_OF,
  KUBERNETES_VERSION_FORMAT,
  compareKubernetesVersions,
  inStandardSupport,
} from "../../shared/eks-versions";

export const ztEks014 = defineRule({
  id: "ZT-EKS-014",
  title: "EKS cluster runs a Kubernetes version out of EKS standard support",
  severity: "medium",
  domain: "eks",
  rationale:
    "Past its end of standard support a Kubernetes minor version gets only the patches EKS backports during paid " +
    "extended support, and the upstream project no longer fixes or even accepts vulnerability reports for it; at the end " +
    "of extended support EKS upgrades the control plane on its own schedule, under workloads that were never tested on " +
    "the new version. Zero trust keeps every enforcement point (the API server, admission, RBAC) patched. AWS Security " +
    "Hub control EKS.2 (EKS clusters should run on a supported Kubernetes version), which fails extended-support " +
    "versions too. Versions are judged against the EKS calendar in policies/shared/eks-versions.ts on the day of the " +
    "check; a version newer than that calendar is unknown. A cluster that pins no version is created on the EKS " +
    "default, which is in standard support.",
  remediation:
    "Set version on the aws_eks_cluster to a minor version in EKS standard support (see the EKS Kubernetes release " +
    "calendar), upgrading one minor version at a time, and upgrade the node groups and add-ons after it; keep " +
    "upgrade_policy support_type = \"STANDARD\" so EKS upgrades a forgotten cluster instead of charging extended support.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["SI-2", "SA-22", "CM-2"],
    securityHub: ["EKS.2"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(cluster, model) {
    const v = cluster.get("version");
    if (v.kind === "unknown") return cluster.configured("version") ? unknown("version is computed at apply time") : pass();
    if (v.kind === "absent") return pass();
    const version = String(v.value);
    if (!KUBERNETES_VERSION_FORMAT.test(version)) return unknown(`version "${version}" is not a Kubernetes minor version`);
    const today = model.now.toISOString().slice(0, 10);
    const release = EKS_VERSION_CALENDAR.find((r) => r.version === version);
    if (release) {
      if (inStandardSupport(release, today)) return pass();
      return fail(`Kubernetes ${version} left EKS standard support on ${release.endOfStandardSupport}`, `Version::${version}`);
    }
    const oldest = EKS_VERSION_CALENDAR[0];
    if (compareKubernetesVersions(version, oldest.version) < 0) {
      return fail(`Kubernetes ${version} is older than ${oldest.version}, which left EKS standard support on ${oldest.endOfStandardSupport}`, `Version::${version}`);
    }
    return unknown(`Kubernetes ${version} is not in the EKS calendar of ${KUBERNETES_VERSIONS_AS_OF} (policies/shared/eks-versions.ts)`, `Version::${version}`);
  },
});
