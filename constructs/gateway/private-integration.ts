import { Construct } from "constructs";
import { ApiGatewayVpcLink } from "@cdktf/provider-aws/lib/api-gateway-vpc-link";
import { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LB_ACCESS_LOGS_RULE_ID } from "../rule-ids";
import { GATEWAY_TAG } from "../../policies/shared/service-graph";
import { Policy } from "../../policies/policy";
import { HostFirewall } from "../compute/host-firewall";
import { Connections, IConnectable } from "../core/connections";
import { resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { Port } from "../core/port";
import { isToken, requireArns } from "../core/validate";
import { INetwork } from "../network/network";
import { resourceTags } from "../network/tags";
import { IGatewayTarget } from "./types";

/** One port of one service the private integration forwards to. */
export interface PrivateIntegrationTarget {
  /** The service's hosts. */
  readonly target: IGatewayTarget;
  /** The service's port: one TCP port, served with TLS. */
  readonly port: Port;
}

/** Where the NLB writes its access logs (TLS listeners only log, and only to S3). */
export interface PrivateIntegrationAccessLogs {
  /** Name of an S3 bucket whose policy lets Elastic Load Balancing log delivery write to it. */
  readonly bucket: string;
  /**
   * Prefix of the log objects.
   *
   * @default - the gateway name
   */
  readonly prefix?: string;
}

/** Properties of a {@link PrivateIntegration}. */
export interface PrivateIntegrationProps {
  /** Name of the gateway: the `zt:gateway` tag value and the name prefix of every resource; a DNS label. */
  readonly gatewayName: string;
  /** Network whose private tier holds the load balancer (and, for an HTTP link, the link's interfaces). */
  readonly network: INetwork;
  /** ACM certificate of the load balancer's TLS listeners (the name the gateway's integrations call). */
  readonly certificateArn: string;
  /** Service ports behind the load balancer: one listener and one target group each. */
  readonly targets: readonly PrivateIntegrationTarget[];
  /**
   * Which VPC link reaches the load balancer: `rest` (`aws_api_gateway_vpc_link`, for REST APIs, over AWS
   * PrivateLink) or `http` (`aws_apigatewayv2_vpc_link`, for HTTP APIs, through interfaces in the private tier).
   */
  readonly link: "rest" | "http";
  /**
   * Access logs of the load balancer, to an S3 bucket.
   *
   * @default - none: recorded as a suppression of ZT-LB-005 (the load balancer is reached only through the VPC link,
   * and the gateway stage's access logs record every request)
   * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html
   */
  readonly accessLogs?: PrivateIntegrationAccessLogs;
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** One TLS listener of the load balancer and the service port it forwards to. */
export interface PrivateIntegrationListener {
  /** Port the listener accepts on. */
  readonly port: number;
  /** ARN of the listener. */
  readonly listenerArn: string;
}

/**
 * TLS policy of every listener: TLS 1.3 and 1.2 with forward-secret AEAD ciphers only. Provider 5.100.0 passes the
 * name through; TLS 1.3-only policies would shut out integrations that offer TLS 1.2.
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 */
export const PRIVATE_INTEGRATION_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

/** First listener port handed out when a service port is already taken by another (service, port). */
export const FIRST_SPARE_LISTENER_PORT = 10000;

const KIND = "PrivateIntegration";

interface Registered {
  readonly target: IGatewayTarget;
  readonly port: Port;
  readonly listener: PrivateIntegrationListener;
}

/**
 * The private side of a gateway: an internal Network Load Balancer in the private tier in front of the services'
 * host groups, and the VPC link that lets API Gateway reach it. Nothing else can.
 *
 * - One TLS listener per (service, port), with {@link PRIVATE_INTEGRATION_SSL_POLICY} and the given certificate,
 *   on the service port itself, or on the next free port from {@link FIRST_SPARE_LISTENER_PORT} when another
 *   (service, port) took it first ({@link PrivateIntegration.listenerFor} tells which).
 * - One target group per (service, port), protocol TLS to the service port, so traffic stays encrypted to the host
 *   (the hosts serve TLS on their port; the load balancer does not validate their certificates); TCP health checks on
 *   the traffic port; client IP preservation off, so the hosts see the load balancer, whose group they admit.
 * - The load balancer's security group (tagged `zt:gateway`) reaches each service only on its port, and each host
 *   group admits only that group on that port (`connections.allowTo`).
 * - `rest`: API Gateway's VPC link arrives over AWS PrivateLink, from an endpoint no rule can name, so inbound rules
 *   are not evaluated for PrivateLink traffic and the group has no ingress rule at all: only the VPC link's endpoint
 *   reaches the listeners; nothing in the VPC does.
 * - `http`: the VPC link's interfaces sit in the private tier with a security group of their own, which reaches the
 *   load balancer only on the listener ports; the load balancer admits only that group, on those ports, and enforces
 *   its inbound rules on PrivateLink traffic too.
 *
 * Cross-zone load balancing is on, and so is deletion protection (destroying the integration takes turning it off
 * first). Access logs go to the S3 bucket given in `accessLogs`; without one, the decision is recorded as a
 * suppression of ZT-LB-005 with its reason.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-private-integration.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export class PrivateIntegration extends Construct implements IConnectable {
  /** The load balancer's security group rules. */
  readonly connections: Connections;
  /** ARN of the load balancer. */
  readonly loadBalancerArn: string;
  /** DNS name of the load balancer (the host of the gateway's integration URIs). */
  readonly dnsName: string;
  /** Id of the VPC link: `aws_api_gateway_vpc_link` (rest) or `aws_apigatewayv2_vpc_link` (http). */
  readonly vpcLinkId: string;
  /** Which VPC link reaches the load balancer. */
  readonly link: "rest" | "http";
  /** The load balancer. */
  readonly loadBalancer: Lb;
  /** Id of the load balancer's security group. */
  readonly securityGroupId: string;
  /** Id of the VPC link's security group (http links only). */
  readonly linkSecurityGroupId?: string;
  private readonly source: ErrorSource;
  private readonly registered: Registered[] = [];

  constructor(scope: Construct, id: string, props: PrivateIntegrationProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    this.source = source;
    validate(scope, source, props);
    const { gatewayName, network } = props;
    this.link = props.link;
    const tags = { ...(props.tags ?? {}), [GATEWAY_TAG]: gatewayName };
    const subnets = network.subnetIds("private");

    const firewall = new HostFirewall(this, "firewall", {
      owner: { kind: KIND, id },
      name: `${gatewayName}-private-integration`,
      description: `Load balancer of gateway ${gatewayName}: egress only to its services on their ports`,
      vpcId: network.vpcId,
      tags,
    });
    this.connections = firewall.connections;
    this.securityGroupId = firewall.securityGroupId;

    this.loadBalancer = new Lb(this, "load-balancer", {
      loadBalancerType: "network",
      internal: true,
      subnets,
      securityGroups: [firewall.securityGroupId],
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: props.link === "rest" ? "off" : "on",
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: true,
      accessLogs: props.accessLogs ? { bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix ?? gatewayName, enabled: true } : undefined,
      tags: resourceTags(tags, `${gatewayName}-private-integration`),
    });
    if (!props.accessLogs) {
      Policy.suppress(this.loadBalancer, LB_ACCESS_LOGS_RULE_ID, {
        reason: `${KIND} "${id}" of gateway ${gatewayName} has no accessLogs bucket: the internal load balancer is reached only through the gateway's VPC link, and the gateway stage's access logs record every request (caller, route, status, source IP)`,
      });
    }
    this.loadBalancerArn = this.loadBalancer.arn;
    this.dnsName = this.loadBalancer.dnsName;

    for (const { target, port } of props.targets) {
      this.addTarget(network, gatewayName, props.certificateArn, target, port, tags);
    }

    if (props.link === "rest") {
      this.vpcLinkId = new ApiGatewayVpcLink(this, "vpc-link", {
        name: gatewayName,
        description: `Lets gateway ${gatewayName} reach its private integration's load balancer`,
        targetArns: [this.loadBalancer.arn],
        tags: resourceTags(tags, gatewayName),
      }).id;
    } else {
      const linkFirewall = new HostFirewall(this, "vpc-link-firewall", {
        owner: { kind: KIND, id },
        name: `${gatewayName}-vpc-link`,
        description: `VPC link of gateway ${gatewayName}: egress only to its load balancer's listeners`,
        vpcId: network.vpcId,
        tags: props.tags ?? {},
      });
      this.linkSecurityGroupId = linkFirewall.securityGroupId;
      for (const { listener } of this.registered) {
        linkFirewall.connections.allowTo(this, Port.tcp(listener.port), `TLS ${listener.port} from the VPC link of gateway ${gatewayName} to its load balancer`);
      }
      this.vpcLinkId = new Apigatewayv2VpcLink(this, "vpc-link", {
        name: gatewayName,
        securityGroupIds: [linkFirewall.securityGroupId],
        subnetIds: subnets,
        tags: resourceTags(tags, gatewayName),
      }).id;
    }
  }

  /**
   * The listener that forwards to `port` of `target`: its port (the integration URI's port) and ARN. Throws a
   * ValidationError when the pair is not one of the integration's targets.
   */
  listenerFor(target: IGatewayTarget, port: Port): PrivateIntegrationListener {
    const found = this.registered.find((r) => r.target === target && samePort(r.port, port));
    if (!found) {
      throw new ValidationError(
        this.source,
        "targets",
        `service "${target?.serviceName}" on ${port?.description} is not a target of this private integration; add { target, port } to its targets.`,
      );
    }
    return found.listener;
  }

  /** A target group, its attachment, a TLS listener and the security group path for one (service, port). */
  private addTarget(network: INetwork, gatewayName: string, certificateArn: string, target: IGatewayTarget, port: Port, tags: Record<string, string>): void {
    const name = `${target.serviceName}-${port.fromPort}`;
    const listenerPort = this.freeListenerPort(port.fromPort);
    const targetGroup = new LbTargetGroup(this, `${name}-target-group`, {
      vpcId: network.vpcId,
      targetType: "instance",
      protocol: "TLS",
      port: port.fromPort,
      preserveClientIp: "false",
      healthCheck: { enabled: true, protocol: "TCP", port: "traffic-port", healthyThreshold: 3, unhealthyThreshold: 3, interval: 30 },
      tags: resourceTags(tags, `${gatewayName}-${name}`),
    });
    target.attachToTargetGroup(`${gatewayName}-${port.id}-target-group-attachment`, targetGroup.arn, port);
    const listener = new LbListener(this, `${name}-listener`, {
      loadBalancerArn: this.loadBalancer.arn,
      port: listenerPort,
      protocol: "TLS",
      sslPolicy: PRIVATE_INTEGRATION_SSL_POLICY,
      certificateArn,
      defaultAction: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      tags: resourceTags(tags, `${gatewayName}-${name}`),
    });
    this.connections.allowTo(target, port, `${port.description} from the load balancer of gateway ${gatewayName} to ${target.serviceName}`);
    this.registered.push({ target, port, listener: { port: listenerPort, listenerArn: listener.arn } });
  }

  /** `wanted` when no listener has it yet, else the first free port from {@link FIRST_SPARE_LISTENER_PORT}. */
  private freeListenerPort(wanted: number): number {
    const taken = new Set(this.registered.map((r) => r.listener.port));
    if (!taken.has(wanted)) return wanted;
    let port = FIRST_SPARE_LISTENER_PORT;
    while (taken.has(port)) port += 1;
    return port;
  }
}

/** True when two ports name the same protocol and range. */
function samePort(a: Port, b: Port): boolean {
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort;
}

function validate(scope: Construct, source: ErrorSource, props: PrivateIntegrationProps): void {
  const { gatewayName, network } = props;
  if (typeof gatewayName !== "string" || !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(gatewayName)) {
    throw new ValidationError(source, "gatewayName", `gatewayName "${String(gatewayName)}" must be a DNS label: lower-case letters, digits and "-", 1 to 63 characters.`);
  }
  if (props.link !== "rest" && props.link !== "http") {
    throw new ValidationError(source, "link", `link "${String(props.link)}" is not one; use "rest" (REST APIs) or "http" (HTTP APIs).`);
  }
  const env = resolveEnvironment(scope, source, { accountId: network.accountId, region: network.region });
  if (typeof props.certificateArn !== "string" || props.certificateArn === "") {
    throw new ValidationError(source, "certificateArn", "certificateArn is required: the ARN of the ACM certificate of the TLS listeners.");
  }
  requireArns(source, "certificateArn", [props.certificateArn], env.partition, "acm", /^certificate\/.+/, `${env.arnPrefix}:acm:${env.region}:123456789012:certificate/...`);
  if (!network.hasTier("private")) {
    throw new ValidationError(source, "network", "the network has no private tier; the load balancer and the VPC link live there.");
  }
  if (props.accessLogs !== undefined && (typeof props.accessLogs.bucket !== "string" || (!isToken(props.accessLogs.bucket) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.accessLogs.bucket)))) {
    throw new ValidationError(source, "accessLogs.bucket", `accessLogs.bucket "${String(props.accessLogs.bucket)}" is not an S3 bucket name; pass the name (not the ARN) of the log bucket.`);
  }
  validateTargets(source, props.targets);
}

function validateTargets(source: ErrorSource, targets: readonly PrivateIntegrationTarget[]): void {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new ValidationError(source, "targets", "targets is empty; name at least one { target, port } the gateway forwards to.");
  }
  targets.forEach(({ target, port }, i) => {
    const where = `targets[${i}]`;
    if (!target?.connections || typeof target.attachToTargetGroup !== "function") {
      throw new ValidationError(source, `${where}.target`, `${where}.target is not a gateway target; pass a service's host group (a HardenedHost).`);
    }
    if (target.subnetTier !== "private") {
      throw new ValidationError(
        source,
        `${where}.target`,
        `${where}: service "${target.serviceName}" runs in the ${target.subnetTier} tier; a gateway reaches services in the private tier only.`,
      );
    }
    if (!(port instanceof Port) || port.protocol !== "tcp" || port.fromPort !== port.toPort) {
      throw new ValidationError(source, `${where}.port`, `${where}.port ${String(port)} must be one TCP port, e.g. Port.tcp(8443); a load balancer listener forwards one TCP port.`);
    }
    const first = targets.findIndex((t) => t.target === target && t.port instanceof Port && samePort(t.port, port));
    if (first !== i) {
      throw new ValidationError(source, `${where}`, `${where} repeats service "${target.serviceName}" on ${port.description} (targets[${first}]); name each (service, port) once.`);
    }
  });
}
