import { Rule } from "../../engine/types";
import { ztGraph001 } from "./zt-graph-001-undeclared-flow";
import { ztGraph002 } from "./zt-graph-002-declared-edge-blocked";

/** Rules of the graph domain (the declared service graph against the effective flows), in id order. */
export const graphRules: readonly Rule[] = [ztGraph001, ztGraph002];
