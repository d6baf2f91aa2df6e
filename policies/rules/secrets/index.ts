import { Rule } from "../../engine/types";
import { ztSec001 } from "./zt-sec-001-kms-rotation-disabled";
import { ztSec002 } from "./zt-sec-002-kms-policy-public";
import { ztSec003 } from "./zt-sec-003-kms-short-deletion-window";
import { ztSec004 } from "./zt-sec-004-secret-without-cmk";
import { ztSec005 } from "./zt-sec-005-secret-without-rotation";
import { ztSec006 } from "./zt-sec-006-secret-policy-public";
import { ztSec007 } from "./zt-sec-007-secret-policy-not-blocking-public";
import { ztSec008 } from "./zt-sec-008-secret-value-in-state";
import { ztSec009 } from "./zt-sec-009-secret-force-delete";
import { ztSec010 } from "./zt-sec-010-data-store-unencrypted";
import { ztSec011 } from "./zt-sec-011-messaging-unencrypted";
import { ztSec012 } from "./zt-sec-012-secret-in-environment";
import { ztSec013 } from "./zt-sec-013-secret-in-user-data";
import { ztSec014 } from "./zt-sec-014-kms-key-without-policy";
import { ztSec015 } from "./zt-sec-015-ssm-parameter-secret-unprotected";
import { ztSec016 } from "./zt-sec-016-session-logging-off";

/** Rules of the secrets domain (Secrets Manager, KMS and encryption at rest), in id order. */
export const secretsRules: readonly Rule[] = [ztSec001, ztSec002, ztSec003, ztSec004, ztSec005, ztSec006, ztSec007, ztSec008, ztSec009, ztSec010, ztSec011, ztSec012, ztSec013, ztSec014, ztSec015, ztSec016];

/** The rule whose id constructs record a suppression under when a prop explicitly weakens what it checks. */
export { ztSec005 };
