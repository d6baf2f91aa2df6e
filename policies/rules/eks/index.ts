import { Rule } from "../../engine/types";
import { ztEks001 } from "./zt-eks-001-public-endpoint-open";
import { ztEks002 } from "./zt-eks-002-public-endpoint-enabled";
import { ztEks003 } from "./zt-eks-003-secrets-not-envelope-encrypted";
import { ztEks004 } from "./zt-eks-004-control-plane-logs-missing";
import { ztEks005 } from "./zt-eks-005-private-endpoint-disabled";
import { ztEks006 } from "./zt-eks-006-node-group-ssh-access";
import { ztEks007 } from "./zt-eks-007-config-map-authentication";
import { ztEks008 } from "./zt-eks-008-creator-admin-bootstrap";
import { ztEks009 } from "./zt-eks-009-vpc-cni-network-policy-disabled";
import { ztEks010 } from "./zt-eks-010-node-credentials-reachable-from-pods";
import { ztEks011 } from "./zt-eks-011-node-group-cluster-security-group";
import { ztEks012 } from "./zt-eks-012-node-group-public-ip";
import { ztEks013 } from "./zt-eks-013-default-service-account-aws-role";
import { ztEks014 } from "./zt-eks-014-version-out-of-standard-support";

/** Rules of the eks domain, in id order. */
export const eksRules: readonly Rule[] = [ztEks001, ztEks002, ztEks003, ztEks004, ztEks005, ztEks006, ztEks007, ztEks008, ztEks009, ztEks010, ztEks011, ztEks012, ztEks013, ztEks014];
