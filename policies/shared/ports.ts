/**
 * Port lists shared by the policy rules (ZT-NET-001, ZT-NET-006) and the constructs (the network ACLs of
 * `SegmentedNetwork`, which keep the ports the pack looks for closed to the internet), so that what the pack flags and
 * what a construct avoids stay one list. Plain data: nothing here imports the engine or a construct.
 */

/** A named TCP port a rule looks for. */
export interface NamedPort {
  /** The TCP port. */
  readonly port: number;
  /** The service that listens on it, as findings name it. */
  readonly service: string;
}

/** Remote administration ports: SSH, RDP, WinRM, Telnet and VNC. */
export const ADMIN_PORTS: readonly NamedPort[] = [
  { port: 22, service: "SSH" },
  { port: 23, service: "Telnet" },
  { port: 3389, service: "RDP" },
  { port: 5985, service: "WinRM-HTTP" },
  { port: 5986, service: "WinRM-HTTPS" },
  { port: 5900, service: "VNC" },
];
