import { Rule } from "../../engine/types";
import { ztEcr001 } from "./zt-ecr-001-mutable-tags";
import { ztEcr002 } from "./zt-ecr-002-images-not-scanned";
import { ztEcr003 } from "./zt-ecr-003-aws-managed-encryption";
import { ztEcr004 } from "./zt-ecr-004-no-lifecycle-policy";
import { ztEcr005 } from "./zt-ecr-005-repository-policy-open";

/** Rules of the supply-chain domain (image repositories), in id order. */
export const supplyChainRules: readonly Rule[] = [ztEcr001, ztEcr002, ztEcr003, ztEcr004, ztEcr005];

/** The rule whose id constructs record a suppression under when a prop explicitly weakens what it checks. */
export { ztEcr001 };
