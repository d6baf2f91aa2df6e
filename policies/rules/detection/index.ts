import { Rule } from "../../engine/types";

/** Rules of the detection domain (audit trail, threat detection, findings hub, configuration recording), in id order. */
export const detectionRules: readonly Rule[] = [];
