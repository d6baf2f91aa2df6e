import { Rule } from "../../engine/types";
import { ztIam001 } from "./zt-iam-001-full-admin-policy";
import { ztIam002 } from "./zt-iam-002-service-wide-wildcard";
import { ztIam003 } from "./zt-iam-003-passrole-any-role";
import { ztIam004 } from "./zt-iam-004-trust-any-principal";
import { ztIam005 } from "./zt-iam-005-trust-account-root";
import { ztIam006 } from "./zt-iam-006-user-attached-policies";
import { ztIam007 } from "./zt-iam-007-long-role-sessions";
import { ztIam008 } from "./zt-iam-008-allow-not-action";
import { ztIam009 } from "./zt-iam-009-oidc-trust-without-subject";
import { ztIam010 } from "./zt-iam-010-resource-policy-any-principal";
import { ztIam011 } from "./zt-iam-011-lambda-permission-any-principal";
import { ztIam012 } from "./zt-iam-012-s3-acl-public";
import { ztIam013 } from "./zt-iam-013-s3-public-access-block-off";
import { ztIam014 } from "./zt-iam-014-iam-access-key";
import { ztIam015 } from "./zt-iam-015-database-without-iam-auth";
import { ztIam016 } from "./zt-iam-016-privileged-managed-policy";
import { ztIam017 } from "./zt-iam-017-privilege-escalation";
import { ztIam018 } from "./zt-iam-018-unscoped-data-access";
import { ztIam019 } from "./zt-iam-019-wildcard-actions-on-named-resource";
import { ztIam020 } from "./zt-iam-020-lambda-service-permission-unscoped";
import { ztIam021 } from "./zt-iam-021-iam-user";
import { ztIam022 } from "./zt-iam-022-weak-password-policy";
import { ztIam023 } from "./zt-iam-023-console-password-without-mfa";
import { ztIam024 } from "./zt-iam-024-ssm-document-public";
import { ztIam025 } from "./zt-iam-025-ssm-public-sharing-allowed";

/** Rules of the identity domain, in id order. */
export const identityRules: readonly Rule[] = [
  ztIam001,
  ztIam002,
  ztIam003,
  ztIam004,
  ztIam005,
  ztIam006,
  ztIam007,
  ztIam008,
  ztIam009,
  ztIam010,
  ztIam011,
  ztIam012,
  ztIam013,
  ztIam014,
  ztIam015,
  ztIam016,
  ztIam017,
  ztIam018,
  ztIam019,
  ztIam020,
  ztIam021,
  ztIam022,
  ztIam023,
  ztIam024,
  ztIam025,
];

/** The rule whose id constructs record a suppression under when a prop explicitly weakens what it checks. */
export { ztIam018 };
