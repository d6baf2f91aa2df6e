import { Rule } from "../../engine/types";

/** Rules of the supply-chain domain (image repositories), in id order. */
export const supplyChainRules: readonly Rule[] = [];
