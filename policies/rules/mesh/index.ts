import { Rule } from "../../engine/types";
import { ztMesh001 } from "./zt-mesh-001-peer-authentication-not-strict";
import { ztMesh002 } from "./zt-mesh-002-namespace-without-strict-mtls";
import { ztMesh003 } from "./zt-mesh-003-authorization-policy-allows-any-caller";
import { ztMesh004 } from "./zt-mesh-004-namespace-without-allow-nothing-baseline";
import { ztMesh005 } from "./zt-mesh-005-sidecar-allows-any-egress";
import { ztMesh006 } from "./zt-mesh-006-namespace-without-registry-only-egress";
import { ztMesh007 } from "./zt-mesh-007-destination-rule-disables-mtls";
import { ztMesh008 } from "./zt-mesh-008-request-authentication-without-required-principal";

/** Rules of the mesh domain, in id order. */
export const meshRules: readonly Rule[] = [
  ztMesh001,
  ztMesh002,
  ztMesh003,
  ztMesh004,
  ztMesh005,
  ztMesh006,
  ztMesh007,
  ztMesh008,
];
