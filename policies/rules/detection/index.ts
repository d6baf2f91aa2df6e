import { Rule } from "../../engine/types";
import { ztDet001 } from "./zt-det-001-no-guardduty-detector";
import { ztDet002 } from "./zt-det-002-no-security-hub";
import { ztDet003 } from "./zt-det-003-no-config-recording";
import { ztDet004 } from "./zt-det-004-guardduty-protections-missing";
import { ztDet005 } from "./zt-det-005-no-access-analyzer";
import { ztDet006 } from "./zt-det-006-no-cloudtrail";

/** Rules of the detection domain (audit trail, threat detection, findings hub, configuration recording), in id order. */
export const detectionRules: readonly Rule[] = [ztDet001, ztDet002, ztDet003, ztDet004, ztDet005, ztDet006];

export { ztDet001, ztDet002, ztDet003, ztDet004, ztDet005, ztDet006 };
export type { GuardDutyProtectionName, Protection } from "./_guardduty";
export { GUARDDUTY_PROTECTIONS, protectionItem } from "./_guardduty";
