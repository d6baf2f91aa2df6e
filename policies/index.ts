export * from "./engine/index";
export { InputError, loadInputs, loadInputsDetailed, loadSuppressionsFile } from "./engine/input";
export type { LoadInputsOptions, LoadedInput, SuppressionMap } from "./engine/input";
export { Policy } from "./policy";
export type { SuppressOptions } from "./policy";
export {
  PolicyGate,
  checkModel,
  checkPolicies,
  checkSynthOutput,
  describeFinding,
  invokeAspects,
  modelOf,
  resolveRules,
  stackConfig,
} from "./gate";
export type { CheckSynthOutputOptions, PolicyCheck, PolicyCheckOptions } from "./gate";
export { PACKS, packByName, zeroTrustPack } from "./packs";
export type { Pack } from "./packs";
export * from "./reporters/index";
export { selectRules, UsageError } from "./engine/select";
export type { RuleSelection } from "./engine/select";
