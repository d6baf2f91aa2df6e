import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Environment variables consulted by the toolchain lookup. */
export type ToolchainEnv = Readonly<Record<string, string | undefined>>;

/** A provider the plan needs, in the form Terraform lays it out in a filesystem mirror. */
export interface ProviderRequirement {
  /** Registry host, e.g. `registry.terraform.io`. */
  readonly hostname: string;
  /** Namespace, e.g. `hashicorp`. */
  readonly namespace: string;
  /** Provider type, e.g. `aws`. */
  readonly type: string;
  /** Exact version, or undefined when any mirrored version will do. */
  readonly version?: string;
}

/** The AWS provider pinned by @cdktf/provider-aws 20.1.0. */
export const AWS_PROVIDER: ProviderRequirement = {
  hostname: "registry.terraform.io",
  namespace: "hashicorp",
  type: "aws",
  version: "5.100.0",
};

/** Where a provider mirror is looked for when ZTB_TF_PLUGIN_DIR is unset. */
export function defaultPluginDirCandidates(home: string = os.homedir()): string[] {
  return [
    "/opt/tf-plugins",
    path.join(home, ".terraform.d", "plugins"),
    "/usr/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
  ];
}

/** Terraform's `<os>_<arch>` name for a Node platform and architecture. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const archNames: Record<string, string> = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" };
  return `${platform === "win32" ? "windows" : platform}_${archNames[arch] ?? arch}`;
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Terraform binary: `ZTB_TERRAFORM_BIN` when set, else `terraform` on `PATH`.
 *
 * @throws an Error saying what to install or set when there is none
 */
export function findTerraformBinary(env: ToolchainEnv = process.env): string {
  const configured = env.ZTB_TERRAFORM_BIN;
  if (configured) {
    if (!isExecutableFile(configured)) {
      throw new Error(
        `ZTB_TERRAFORM_BIN is "${configured}", which is not an executable file: point it at a Terraform >= 1.5 binary or unset it to use terraform from PATH`,
      );
    }
    return configured;
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "terraform");
    if (isExecutableFile(candidate)) {
      return candidate;
    }
  }
  throw new Error("terraform not found on PATH: install Terraform >= 1.5 or set ZTB_TERRAFORM_BIN");
}

function displayName(requirement: ProviderRequirement): string {
  const name = requirement.type === "aws" ? "AWS provider" : `${requirement.namespace}/${requirement.type} provider`;
  return requirement.version ? `${name} ${requirement.version}` : name;
}

function layoutPath(requirement: ProviderRequirement, platform: string): string {
  return [requirement.hostname, requirement.namespace, requirement.type, requirement.version ?? "<version>", platform].join("/") + "/";
}

/** Whether `dir` holds the provider in Terraform's unpacked filesystem-mirror layout. */
export function mirrorHasProvider(dir: string, requirement: ProviderRequirement, platform: string = terraformPlatform()): boolean {
  const typeDir = path.join(dir, requirement.hostname, requirement.namespace, requirement.type);
  let versions: string[];
  try {
    versions = requirement.version ? [requirement.version] : fs.readdirSync(typeDir);
  } catch {
    return false;
  }
  return versions.some((version) => {
    const platformDir = path.join(typeDir, version, platform);
    try {
      return fs.readdirSync(platformDir).some((file) => file.startsWith(`terraform-provider-${requirement.type}`) && isExecutableFile(path.join(platformDir, file)));
    } catch {
      return false;
    }
  });
}

/** Inputs of {@link findPluginDir}; every field has a default taken from the running process. */
export interface PluginDirLookup {
  /** Environment to read ZTB_TF_PLUGIN_DIR from. */
  readonly env?: ToolchainEnv;
  /** Directories tried in order when ZTB_TF_PLUGIN_DIR is unset. */
  readonly candidates?: readonly string[];
  /** Terraform platform name, e.g. `linux_amd64`. */
  readonly platform?: string;
}

/**
 * A local provider mirror holding every required provider: `ZTB_TF_PLUGIN_DIR` when set, else the
 * first of the candidate directories that has them all.
 *
 * @throws an Error naming the missing provider, the expected layout and the directories searched
 */
export function findPluginDir(requirements: readonly ProviderRequirement[] = [AWS_PROVIDER], lookup: PluginDirLookup = {}): string {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? terraformPlatform();
  const configured = env.ZTB_TF_PLUGIN_DIR;
  if (configured) {
    const missing = requirements.find((requirement) => !mirrorHasProvider(configured, requirement, platform));
    if (missing) {
      throw new Error(
        `ZTB_TF_PLUGIN_DIR is "${configured}" but it has no ${displayName(missing)}: put the provider binary under ${path.join(configured, layoutPath(missing, platform))} or unset ZTB_TF_PLUGIN_DIR`,
      );
    }
    return configured;
  }
  const candidates = lookup.candidates ?? defaultPluginDirCandidates();
  const found = candidates.find((dir) => requirements.every((requirement) => mirrorHasProvider(dir, requirement, platform)));
  if (found) {
    return found;
  }
  const missing = requirements.find((requirement) => !candidates.some((dir) => mirrorHasProvider(dir, requirement, platform))) ?? requirements[0];
  throw new Error(
    `${displayName(missing)} not found in a local mirror: set ZTB_TF_PLUGIN_DIR to a directory laid out as ${layoutPath(missing, platform)}, searched: ${candidates.join(", ")}`,
  );
}

/**
 * Providers a synthesized stack requires, from `terraform.required_providers`. Exact versions
 * (`"1.2.3"` or `"= 1.2.3"`) are kept; other constraints accept any mirrored version.
 */
export function requiredProviders(stackJson: { terraform?: { required_providers?: Record<string, { source?: string; version?: string }> } }): ProviderRequirement[] {
  return Object.entries(stackJson.terraform?.required_providers ?? {}).map(([localName, entry]) => {
    const parts = (entry.source ?? localName).split("/");
    const [hostname, namespace, type] =
      parts.length === 3 ? parts : parts.length === 2 ? ["registry.terraform.io", ...parts] : ["registry.terraform.io", "hashicorp", parts[0]];
    const exact = /^=?\s*(\d+\.\d+\.\d+)$/.exec((entry.version ?? "").trim());
    return { hostname, namespace, type, version: exact ? exact[1] : undefined };
  });
}
