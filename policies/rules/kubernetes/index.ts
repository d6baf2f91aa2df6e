import { Rule } from "../../engine/types";
import { ztK8s001 } from "./zt-k8s-001-namespace-without-restricted-pss";
import { ztK8s002 } from "./zt-k8s-002-namespace-without-default-deny";
import { ztK8s003 } from "./zt-k8s-003-privileged-container";
import { ztK8s004 } from "./zt-k8s-004-privilege-escalation-allowed";
import { ztK8s005 } from "./zt-k8s-005-container-may-run-as-root";
import { ztK8s006 } from "./zt-k8s-006-writable-root-filesystem";
import { ztK8s007 } from "./zt-k8s-007-capabilities-not-minimized";
import { ztK8s008 } from "./zt-k8s-008-host-namespaces";
import { ztK8s009 } from "./zt-k8s-009-service-account-token-automount";
import { ztK8s010 } from "./zt-k8s-010-missing-resource-limits";
import { ztK8s011 } from "./zt-k8s-011-image-not-pinned-by-digest";
import { ztK8s012 } from "./zt-k8s-012-seccomp-profile-not-restricted";
import { ztK8s013 } from "./zt-k8s-013-default-namespace";
import { ztK8s014 } from "./zt-k8s-014-pod-not-covered-by-network-policy";
import { ztK8s015 } from "./zt-k8s-015-role-wildcard-or-escalation";
import { ztK8s016 } from "./zt-k8s-016-binding-to-all-users";
import { ztK8s017 } from "./zt-k8s-017-cluster-admin-binding";
import { ztK8s018 } from "./zt-k8s-018-default-deny-blocks-dns";
import { ztK8s019 } from "./zt-k8s-019-secret-in-environment";
import { ztK8s020 } from "./zt-k8s-020-host-path-volume";
import { ztK8s021 } from "./zt-k8s-021-service-exposed-outside-cluster";
import { ztK8s022 } from "./zt-k8s-022-secret-value-in-configuration";
import { ztK8s023 } from "./zt-k8s-023-default-service-account";

/** Rules of the kubernetes domain, in id order. */
export const kubernetesRules: readonly Rule[] = [
  ztK8s001,
  ztK8s002,
  ztK8s003,
  ztK8s004,
  ztK8s005,
  ztK8s006,
  ztK8s007,
  ztK8s008,
  ztK8s009,
  ztK8s010,
  ztK8s011,
  ztK8s012,
  ztK8s013,
  ztK8s014,
  ztK8s015,
  ztK8s016,
  ztK8s017,
  ztK8s018,
  ztK8s019,
  ztK8s020,
  ztK8s021,
  ztK8s022,
  ztK8s023,
];
