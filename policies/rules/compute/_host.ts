import { Model, Resource } from "../../engine/model";
import { Ref, Val } from "../../engine/types";
import { ABSENT, View } from "../../engine/view";

/**
 * Resource types that describe EC2 hosts: instances, and the launch templates and (legacy) launch configurations
 * that Auto Scaling groups launch hosts from.
 */
export const HOST_TYPES: readonly string[] = ["aws_instance", "aws_launch_template", "aws_launch_configuration"];

/** Resource types that declare EBS volumes: hosts and standalone volumes. */
export const VOLUME_TYPES: readonly string[] = [...HOST_TYPES, "aws_ebs_volume"];

/** KMS key resources whose keys are customer managed. Aliases created in Terraform never start with `alias/aws/`. */
export const CMK_TYPES: readonly string[] = [
  "aws_kms_key",
  "aws_kms_replica_key",
  "aws_kms_external_key",
  "aws_kms_replica_external_key",
  "aws_kms_alias",
];

/**
 * The launch template (in this configuration) an aws_instance is launched from. Settings the instance leaves out are
 * taken from it, so rules judge an instance's missing settings through its template.
 */
export function templateOf(r: Resource, model: Model): Resource | undefined {
  if (r.type !== "aws_instance") return undefined;
  return model.memoFor("compute:template-of", r, findTemplate);
}

function findTemplate(r: Resource, model: Model): Resource | undefined {
  return model.referenced(r, "launch_template", TEMPLATE_TYPES)[0];
}

const TEMPLATE_TYPES: readonly string[] = ["aws_launch_template"];

/** Where an instance's (or template's) `metadata_options` come from: its own block, or its launch template's. */
export interface MetadataSource {
  readonly options: View | undefined;
  /** Text naming the source in messages. */
  readonly from: string;
}

export function metadataOptions(r: Resource, model: Model): MetadataSource {
  return model.memoFor("compute:metadata-options", r, readMetadataOptions);
}

function readMetadataOptions(r: Resource, model: Model): MetadataSource {
  if (r.getConfigured("metadata_options").kind !== "absent") return { options: r.blocks("metadata_options")[0], from: "metadata_options" };
  const lt = templateOf(r, model);
  if (lt && lt.getConfigured("metadata_options").kind !== "absent") return { options: lt.blocks("metadata_options")[0], from: `the metadata_options of launch template ${lt.address}` };
  return { options: undefined, from: "metadata_options" };
}

/** The account-level IMDS defaults (`aws_ec2_instance_metadata_defaults`) declared in the same stack. */
export function metadataDefaults(r: Resource, model: Model): Resource | undefined {
  return model.ofTypeIn("aws_ec2_instance_metadata_defaults", r)[0];
}

/**
 * A metadata option of a host as it applies: set in the host's own (or its launch template's) metadata_options, else
 * in the account defaults (aws_ec2_instance_metadata_defaults) of the stack; `from` names where it was read.
 */
export function metadataSetting(r: Resource, model: Model, src: MetadataSource, name: string): { val: Val; from: string } {
  const own = src.options ? src.options.getConfigured(name) : ABSENT;
  const defaults = own.kind === "absent" ? metadataDefaults(r, model) : undefined;
  if (defaults) return { val: defaults.getConfigured(name), from: defaults.address };
  return { val: own, from: src.from };
}

/** True when IMDS is switched off for the host (http_endpoint = "disabled"), so no metadata setting matters. */
export function imdsDisabled(src: MetadataSource): boolean {
  return src.options?.str("http_endpoint") === "disabled";
}

/**
 * True when `aws_ebs_encryption_by_default` in the same stack turns default EBS encryption on (`enabled` defaults to
 * true). New volumes are then encrypted even when the configuration does not say so.
 */
export function encryptionByDefault(r: Resource, model: Model): boolean {
  return model.ofTypeIn("aws_ebs_encryption_by_default", r).some((d) => d.getConfigured("enabled").kind === "absent" || d.bool("enabled") === true);
}

/** How a KMS key argument identifies its key. */
export type KeyKind = "cmk" | "aws-managed" | "default" | "unknown";

/**
 * Classifies a `kms_key_id`. Absent → the account's default EBS key ("default"). A literal `alias/aws/...` (or its ARN)
 * → AWS managed. Any other literal key/alias ARN → customer managed. Unknown until apply: a reference to a KMS key or
 * alias resource of this configuration → customer managed; anything else (a variable, a data source that could name
 * `alias/aws/ebs`) → unknown.
 */
export function keyKind(v: View, path: string): { readonly kind: KeyKind; readonly refs?: readonly Ref[] } {
  const val = v.getConfigured(path);
  if (val.kind === "absent") return DEFAULT_KEY;
  if (val.kind === "known") {
    const s = typeof val.value === "string" ? val.value.trim() : "";
    if (s === "") return DEFAULT_KEY;
    return /(^|:)alias\/aws\//.test(s) ? AWS_MANAGED_KEY : CUSTOMER_KEY;
  }
  if (val.refs.some((ref) => ref.kind === "resource" && ref.type !== undefined && CMK_TYPES.includes(ref.type))) return CUSTOMER_KEY;
  return { kind: "unknown", refs: val.refs };
}

export const DEFAULT_KEY = Object.freeze({ kind: "default" as const });
const AWS_MANAGED_KEY = Object.freeze({ kind: "aws-managed" as const });
const CUSTOMER_KEY = Object.freeze({ kind: "cmk" as const });

/** Whether the stack's `aws_ebs_default_kms_key` names a customer-managed key ("cmk"), none ("default"), or cannot tell. */
export function defaultKeyKind(r: Resource, model: Model): KeyKind {
  const d = model.ofTypeIn("aws_ebs_default_kms_key", r)[0];
  if (!d) return "default";
  const k = keyKind(d, "key_arn").kind;
  return k === "default" ? "default" : k;
}

/** One EBS volume declaration on a host or volume resource. */
export interface VolumeDecl {
  /** Item name: `Root`, `EBS::/dev/sdf`, `BDM::/dev/xvda`, `Volume`. */
  readonly item: string;
  /** The block holding `encrypted` / `kms_key_id`; undefined when the volume is implied (no block declared). */
  readonly block: View | undefined;
}

/**
 * The EBS volumes a resource declares. An aws_instance without a root_block_device still gets a root volume from its
 * AMI (an implied volume) unless it is launched from a template of this configuration that declares block devices
 * (the template is judged itself). A launch template without any EBS mapping launches the AMI's volumes (implied root),
 * and so does a launch configuration without a root_block_device. A launch configuration cannot name a KMS key: its
 * volumes use the account's default EBS key.
 */
export function volumesOf(r: Resource, model: Model): readonly VolumeDecl[] {
  return model.memoFor("compute:volumes", r, frozenVolumes);
}

function frozenVolumes(r: Resource, model: Model): readonly VolumeDecl[] {
  return Object.freeze(readVolumes(r, model));
}

function readVolumes(r: Resource, model: Model): VolumeDecl[] {
  if (r.type === "aws_ebs_volume") return [{ item: "Volume", block: r }];
  if (r.type === "aws_instance") {
    const out: VolumeDecl[] = [];
    const root = rootBlockDevice(r);
    const lt = templateOf(r, model);
    const ltDeclares = lt !== undefined && ebsMappings(lt).length > 0;
    if (root || !ltDeclares) out.push({ item: "Root", block: root });
    addEbsBlockDevices(r, out);
    return out;
  }
  if (r.type === "aws_launch_template") {
    const mapped = ebsMappings(r);
    return mapped.length > 0 ? mapped : [{ item: "Root", block: undefined }];
  }
  if (r.type === "aws_launch_configuration") {
    const out: VolumeDecl[] = [{ item: "Root", block: rootBlockDevice(r) }];
    addEbsBlockDevices(r, out);
    return out;
  }
  return [];
}

/** The root_block_device an instance or launch configuration declares, if any. */
function rootBlockDevice(r: Resource): View | undefined {
  return r.getConfigured("root_block_device").kind === "absent" ? undefined : r.blocks("root_block_device")[0];
}

/**
 * Appends the volumes of the ebs_block_device blocks of an instance or launch configuration. A launch configuration
 * mapping with no_device suppresses a volume of the AMI rather than adding one.
 */
function addEbsBlockDevices(r: Resource, out: VolumeDecl[]): void {
  if (r.getConfigured("ebs_block_device").kind === "absent") return;
  r.blocks("ebs_block_device").forEach((b, i) => {
    if (b.bool("no_device") !== true) out.push({ item: `EBS::${b.str("device_name") ?? i}`, block: b });
  });
}

function ebsMappings(lt: Resource): VolumeDecl[] {
  if (lt.getConfigured("block_device_mappings").kind === "absent") return [];
  const out: VolumeDecl[] = [];
  lt.blocks("block_device_mappings").forEach((m, i) => {
    const ebs = m.getConfigured("ebs").kind === "absent" ? undefined : m.blocks("ebs")[0];
    if (ebs) out.push({ item: `BDM::${m.str("device_name") ?? i}`, block: ebs });
  });
  return out;
}
