import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { HOST_TYPES, templateOf } from "./_host";

export const ztCmp003 = defineRule({
  id: "ZT-CMP-003",
  title: "Host gets a public IP address",
  severity: "high",
  domain: "compute",
  rationale:
    "A public IPv4 address makes the host directly addressable from the internet, so its security group becomes the only boundary and every listening port is one misconfiguration away from exposure. Zero-trust hosts are reached through brokers (load balancers, SSM) and keep private addresses.",
  remediation:
    "Set associate_public_ip_address = false on the aws_instance or aws_launch_configuration (or \"false\" on the launch template's network_interfaces), launch into private subnets (map_public_ip_on_launch = false), and publish services through a load balancer; the ZT Blueprint HardenedHost has no public address.",
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "AC-4"],
    checkov: ["CKV_AWS_88"],
    cdkNag: ["NIST.800.53.R5-EC2InstanceNoPublicIp"],
    securityHub: ["EC2.9", "EC2.25", "AutoScaling.5"],
  },
  resourceTypes: HOST_TYPES,
  check(resource, model) {
    if (resource.type === "aws_launch_template") return templateVerdicts(resource, resource.address);
    if (resource.type === "aws_launch_configuration") return configurationVerdict(resource);
    return instanceVerdict(resource, model);
  },
});

function templateVerdicts(lt: Resource, name: string): Outcome[] {
  // A template without an interface setting leaves the choice to the subnet the group launches into.
  if (lt.getConfigured("network_interfaces").kind === "absent") return [pass()];
  const out = lt.blocks("network_interfaces").map((ni, i) => interfaceVerdict(ni, i, name));
  return out.length > 0 ? out : [pass()];
}

/** A launch configuration that does not set associate_public_ip_address leaves it to the subnets of its group. */
function configurationVerdict(lc: Resource): Outcome {
  return ownSetting(lc) ?? pass();
}

/** The verdict of a host's own associate_public_ip_address, or undefined when it leaves the setting out. */
function ownSetting(r: Resource): Outcome | undefined {
  const own = r.getConfigured("associate_public_ip_address");
  if (own.kind === "unknown") return unknown("associate_public_ip_address is unknown until apply", "PublicIp");
  if (own.kind === "known") return r.bool("associate_public_ip_address") === true ? fail("associate_public_ip_address = true", "PublicIp") : pass();
  return undefined;
}

function interfaceVerdict(ni: View, i: number, name: string): Outcome {
  const item = `NetworkInterface::${ni.known("device_index") ?? i}`;
  const v = ni.getConfigured("associate_public_ip_address");
  if (v.kind === "unknown") return unknown(`associate_public_ip_address of ${name} is unknown until apply`, item);
  if (v.kind === "known" && ni.bool("associate_public_ip_address") === true) return fail(`${name} associates a public IP address with network interface ${ni.known("device_index") ?? i}`, item);
  return pass();
}

/**
 * An instance's public address: its own associate_public_ip_address; else its launch template's interfaces; else an
 * attached network_interface (no automatic address); else its subnet's map_public_ip_on_launch; with no subnet_id at
 * all it lands in the default VPC, whose default subnets assign public addresses.
 */
function instanceVerdict(r: Resource, model: Model): Outcome | Outcome[] {
  const own = ownSetting(r);
  if (own) return own;
  const lt = templateOf(r, model);
  if (lt && lt.getConfigured("network_interfaces").kind !== "absent") return templateVerdicts(lt, `its launch template ${lt.address}`);
  if (r.getConfigured("network_interface").kind !== "absent") return pass();
  const subnetVal = r.getConfigured("subnet_id");
  if (subnetVal.kind === "absent") {
    return fail("no subnet_id: the instance launches into the default VPC, whose default subnets assign public IP addresses", "PublicIp");
  }
  const subnet = model.referenced(r, "subnet_id", ["aws_subnet", "aws_default_subnet"])[0];
  if (!subnet) return pass();
  const map = subnet.getConfigured("map_public_ip_on_launch");
  if (map.kind === "unknown") return unknown(`map_public_ip_on_launch of ${subnet.address} is unknown until apply`, "PublicIp");
  if (subnet.bool("map_public_ip_on_launch") === true) return fail(`the instance inherits a public IP address from ${subnet.address} (map_public_ip_on_launch = true)`, "PublicIp");
  return pass();
}
