import { Rule } from "../../engine/types";
import { ztMeta001 } from "./zt-meta-001-suppression-without-reason";
import { ztMeta002 } from "./zt-meta-002-expired-suppression";

/** Rules of the meta domain, in id order. */
export const metaRules: readonly Rule[] = [ztMeta001, ztMeta002];
