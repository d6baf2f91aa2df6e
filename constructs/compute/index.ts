export type { HostEgress, HostEgressDestination, HostFirewallProps, HostIngress, HostProtocol } from "./host-firewall";
export { HostFirewall } from "./host-firewall";
export type { HardenedHostProps, HostMode } from "./hardened-host-props";
export { HardenedHost } from "./hardened-host";
export type { AccountComputeBaselineProps } from "./account-compute-baseline";
export { AccountComputeBaseline } from "./account-compute-baseline";
