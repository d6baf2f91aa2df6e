import { Fn } from "cdktf";
import { isToken } from "../identity/validate";

/** Instance metadata settings of every hardened host: IMDSv2 only, no tags in metadata, no IPv6 endpoint. */
export interface MetadataSettings {
  /** The metadata service is on (SSM agent and SDKs need it for the instance profile's credentials). */
  readonly httpEndpoint: "enabled";
  /** Session tokens are required: IMDSv2 only. */
  readonly httpTokens: "required";
  /** Network hops a metadata response may travel: 1, or 2 for containers on bridge networks. */
  readonly httpPutResponseHopLimit: 1 | 2;
  /** Instance tags are not exposed through the metadata service. */
  readonly instanceMetadataTags: "disabled";
  /** No IPv6 metadata endpoint. */
  readonly httpProtocolIpv6: "disabled";
}

/**
 * IMDSv2-only metadata settings. The hop limit is 1, so a process behind another network hop (a container
 * on a bridge network) cannot fetch the host's credentials; hosts that run containers need 2.
 */
export function metadataSettings(containers: boolean): MetadataSettings {
  return {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: containers ? 2 : 1,
    instanceMetadataTags: "disabled",
    httpProtocolIpv6: "disabled",
  };
}

/** User data as base64, encoding literals at synth time and tokens with Terraform's `base64encode`. */
export function base64UserData(userData: string | undefined): string | undefined {
  if (userData === undefined) return undefined;
  return isToken(userData) ? Fn.base64encode(userData) : Buffer.from(userData, "utf8").toString("base64");
}

/** Pinned AMI id form: `ami-` and 8 or 17 hexadecimal digits. */
export const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Instance type form, e.g. `t3.micro`, `m7g.large`, `c6in.2xlarge`. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
