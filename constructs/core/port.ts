import { ValidationError } from "./errors";

/** Transport protocol of a security group rule. Rules always name one protocol: there is no "all traffic" port. */
export type PortProtocol = "tcp" | "udp";

/** Highest TCP or UDP port. */
const MAX_PORT = 65535;

/**
 * The protocol and port range of a security group rule: `Port.tcp(443)`, `Port.udp(53)`, `Port.tcpRange(8000, 8100)`,
 * `Port.allTcp()`. Each port has a stable {@link Port.id} (`tcp-443`, `udp-53`, `tcp-8000-8100`, `tcp-all`) that
 * names the rules made with it, and a {@link Port.description} for rule descriptions and messages (`TCP 443`).
 *
 * Ports are values: two ports with the same protocol and range are interchangeable, whichever factory made them.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
export class Port {
  /** HTTPS, TCP 443. */
  public static readonly HTTPS = Port.tcp(443);

  /** One TCP port, 1–65535. */
  public static tcp(port: number): Port {
    return Port.range("tcp", port, port, `tcp(${port})`);
  }

  /** One UDP port, 1–65535. */
  public static udp(port: number): Port {
    return Port.range("udp", port, port, `udp(${port})`);
  }

  /** TCP ports `from` to `to`, both included (1–65535, `from` <= `to`). */
  public static tcpRange(from: number, to: number): Port {
    return Port.range("tcp", from, to, `tcpRange(${from}, ${to})`);
  }

  /** UDP ports `from` to `to`, both included (1–65535, `from` <= `to`). */
  public static udpRange(from: number, to: number): Port {
    return Port.range("udp", from, to, `udpRange(${from}, ${to})`);
  }

  /** Every TCP port (0–65535). */
  public static allTcp(): Port {
    return new Port("tcp", 0, MAX_PORT);
  }

  /** Every UDP port (0–65535). */
  public static allUdp(): Port {
    return new Port("udp", 0, MAX_PORT);
  }

  /** One port or a range of `protocol`. */
  public static of(protocol: PortProtocol, from: number, to: number = from): Port {
    if (protocol !== "tcp" && protocol !== "udp") {
      throw portError(`of(${protocol})`, "protocol", `protocol "${protocol}" is not allowed; use "tcp" or "udp" (a rule names one protocol).`);
    }
    return Port.range(protocol, from, to, `of(${protocol}, ${from}, ${to})`);
  }

  private static range(protocol: PortProtocol, from: number, to: number, call: string): Port {
    for (const port of [from, to]) {
      if (!Number.isInteger(port) || port < 1 || port > MAX_PORT) {
        throw portError(call, "port", `port ${port} must be a whole number from 1 to ${MAX_PORT}.`);
      }
    }
    if (from > to) throw portError(call, "port", `range ${from}-${to} ends before it starts; pass the lower port first.`);
    return new Port(protocol, from, to);
  }

  /** Stable id of the protocol and range, used in construct ids: `tcp-443`, `udp-1000-2000`, `tcp-all`. */
  public readonly id: string;
  /** Human description: `TCP 443`, `UDP 1000-2000`, `all TCP ports`. */
  public readonly description: string;

  private constructor(
    /** Transport protocol. */
    public readonly protocol: PortProtocol,
    /** First port of the range. */
    public readonly fromPort: number,
    /** Last port of the range. */
    public readonly toPort: number,
  ) {
    const name = protocol.toUpperCase();
    if (fromPort === 0 && toPort === MAX_PORT) {
      this.id = `${protocol}-all`;
      this.description = `all ${name} ports`;
    } else {
      const span = fromPort === toPort ? `${fromPort}` : `${fromPort}-${toPort}`;
      this.id = `${protocol}-${span}`;
      this.description = `${name} ${span}`;
    }
  }

  /** The description, e.g. `TCP 443`. */
  public toString(): string {
    return this.description;
  }
}

/** An error naming the factory call, e.g. `Port "tcp(70000)": ...` (a port belongs to no construct). */
function portError(call: string, prop: string, message: string): ValidationError {
  return new ValidationError({ kind: "Port", id: call, path: "" }, prop, message);
}
