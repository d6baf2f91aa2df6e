import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { templateOf } from "./_host";

/**
 * Instance families that can boot a paravirtual AMI: previous-generation C1, C3, HI1, HS1, M1, M2, M3 and T1 (Amazon EC2
 * User Guide, "Linux AMI virtualization types"). Every other type boots HVM AMIs only, so EC2 refuses to launch a
 * paravirtual image on it.
 */
const PV_FAMILIES: readonly string[] = ["c1", "c3", "hi1", "hs1", "m1", "m2", "m3", "t1"];

/** Where each host type names its image and its instance type. */
const HOST_FIELDS: Readonly<Record<string, { readonly image: string; readonly type: string }>> = {
  aws_instance: { image: "ami", type: "instance_type" },
  aws_launch_template: { image: "image_id", type: "instance_type" },
  aws_launch_configuration: { image: "image_id", type: "instance_type" },
};

/** Whether an AMI registered or looked up in the configuration is paravirtual: yes, no, or unknown until apply. */
function imageIsParavirtual(image: Resource): boolean | "unknown" {
  if (image.mode === "data") return filtersParavirtual(image);
  // aws_ami registers a paravirtual image unless virtualization_type says "hvm" (the provider default is "paravirtual").
  const type = image.getConfigured("virtualization_type");
  if (type.kind === "unknown") return "unknown";
  return type.kind === "absent" || String(type.value) === "paravirtual";
}

/** A data.aws_ami lookup is paravirtual when it filters on virtualization-type = paravirtual only. */
function filtersParavirtual(lookup: View): boolean {
  return lookup.blocks("filter").some((f) => {
    const values = f.list("values") ?? [];
    return f.str("name") === "virtualization-type" && values.length > 0 && values.every((v) => v === "paravirtual");
  });
}

function judgeAmi(ami: Resource): Outcome {
  const pv = imageIsParavirtual(ami);
  if (pv === "unknown") return unknown("virtualization_type is unknown until apply", "Virtualization");
  if (pv) return fail("the AMI is registered as paravirtual (virtualization_type is \"paravirtual\", the provider default when it is not set)", "Virtualization");
  return pass("Virtualization");
}

/**
 * Whether the host's instance type (an instance's own, else its launch template's) can run a paravirtual image: no for
 * current families, "unknown" when not set.
 */
function typeAllowsParavirtual(host: Resource, model: Model): boolean | "unknown" {
  const path = HOST_FIELDS[host.type].type;
  const own = host.getConfigured(path);
  const type = own.kind === "absent" ? (templateOf(host, model)?.getConfigured(path) ?? own) : own;
  if (type.kind !== "known") return "unknown";
  const family = String(type.value).split(".")[0].toLowerCase();
  return PV_FAMILIES.includes(family);
}

function judgeHost(host: Resource, model: Model): Outcome {
  // Both an aws_ami and a data.aws_ami lookup of the configuration: references to either name the type aws_ami.
  const images = model.referenced(host, HOST_FIELDS[host.type].image, AMI_TYPES);
  const verdicts = images.map(imageIsParavirtual);
  const pvImage = images.find((_, i) => verdicts[i] === true);
  if (pvImage !== undefined) return fail(`the host boots ${pvImage.address}, a paravirtual AMI`, "Virtualization");
  const allows = typeAllowsParavirtual(host, model);
  if (allows === false) return pass("Virtualization");
  if (images.length > 0 && verdicts.every((v) => v === false)) return pass("Virtualization");
  if (allows === "unknown") {
    if (host.type === "aws_launch_template") return na("the launch template sets no instance type; the instance types that launch it are judged where they are set");
    return unknown("the instance type is unknown until apply, and the AMI's virtualization type is not in the configuration", "Virtualization");
  }
  return unknown(`the instance type is of a previous-generation family that can boot paravirtual AMIs, and the AMI's virtualization type is not in the configuration`, "Virtualization");
}

const AMI_TYPES: readonly string[] = ["aws_ami"];

export const ztCmp018 = defineRule({
  id: "ZT-CMP-018",
  title: "Host runs a paravirtual (PV) image",
  severity: "medium",
  domain: "compute",
  rationale:
    "Paravirtual images boot through PV-GRUB on previous-generation Xen instance families only (C1, C3, HI1, HS1, M1, M2, M3, T1). Those families get no Nitro security features (no NitroTPM, no UEFI Secure Boot, no enhanced networking or EBS encryption performance), and PV images are old kernels and distributions that no longer receive fixes. Zero trust measures and maintains the posture of every asset, which needs a supported platform. The rule fails an aws_ami registered as paravirtual (the provider's default for virtualization_type), a data.aws_ami lookup filtered to paravirtual images, and a host that boots either; a host of a current-generation instance type passes, because EC2 boots only HVM images on it; a host of a PV-capable family whose image is not in the configuration is unknown. AWS Security Hub control EC2.24 reads the running instance's virtualization type; this rule judges what the configuration states.",
  remediation:
    "Register images with virtualization_type = \"hvm\", build hosts from current HVM AMIs, and move instances off the C1, C3, HI1, HS1, M1, M2, M3 and T1 families to current-generation Nitro types.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-2", "CM-2(2)", "SI-2"],
    securityHub: ["EC2.24"],
  },
  resourceTypes: ["aws_ami", "aws_instance", "aws_launch_template", "aws_launch_configuration"],
  check(resource, model) {
    return resource.type === "aws_ami" ? judgeAmi(resource) : judgeHost(resource, model);
  },
});
