import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  AWS_PROVIDER,
  defaultPluginDirCandidates,
  findPluginDir,
  findTerraformBinary,
  mirrorHasProvider,
  requiredProviders,
  terraformPlatform,
} from "./toolchain";

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-toolchain-"));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function executable(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  return file;
}

function mirrorWithAws(dir: string, platform = "linux_amd64", version = "5.100.0"): string {
  executable(path.join(dir, "registry.terraform.io", "hashicorp", "aws", version, platform, `terraform-provider-aws_v${version}_x5`));
  return dir;
}

describe("findTerraformBinary", () => {
  it("finds terraform on PATH", () => {
    const bin = executable(path.join(root, "bin", "terraform"));
    expect(findTerraformBinary({ PATH: [path.join(root, "empty"), path.join(root, "bin")].join(path.delimiter) })).toBe(bin);
  });

  it("prefers ZTB_TERRAFORM_BIN", () => {
    executable(path.join(root, "bin", "terraform"));
    const pinned = executable(path.join(root, "pinned", "terraform-1.11"));
    expect(findTerraformBinary({ PATH: path.join(root, "bin"), ZTB_TERRAFORM_BIN: pinned })).toBe(pinned);
  });

  it("says what to install when terraform is not on PATH", () => {
    fs.writeFileSync(path.join(root, "terraform"), "not executable", { mode: 0o644 });
    expect(() => findTerraformBinary({ PATH: root })).toThrow(new Error("terraform not found on PATH: install Terraform >= 1.5 or set ZTB_TERRAFORM_BIN"));
  });

  it("says what to fix when ZTB_TERRAFORM_BIN is not executable", () => {
    const missing = path.join(root, "nope");
    expect(() => findTerraformBinary({ PATH: "", ZTB_TERRAFORM_BIN: missing })).toThrow(
      new Error(`ZTB_TERRAFORM_BIN is "${missing}", which is not an executable file: point it at a Terraform >= 1.5 binary or unset it to use terraform from PATH`),
    );
  });
});

describe("findPluginDir", () => {
  it("returns the first candidate holding the provider for the platform", () => {
    const wrongPlatform = mirrorWithAws(path.join(root, "darwin"), "darwin_arm64");
    const wrongVersion = mirrorWithAws(path.join(root, "old"), "linux_amd64", "5.99.0");
    const good = mirrorWithAws(path.join(root, "good"));
    const later = mirrorWithAws(path.join(root, "later"));
    expect(findPluginDir([AWS_PROVIDER], { env: {}, candidates: [wrongPlatform, wrongVersion, good, later], platform: "linux_amd64" })).toBe(good);
  });

  it("names the provider, the layout and every searched directory when none has it", () => {
    const candidates = [path.join(root, "a"), mirrorWithAws(path.join(root, "b"), "linux_amd64", "5.99.0")];
    expect(() => findPluginDir([AWS_PROVIDER], { env: {}, candidates, platform: "linux_amd64" })).toThrow(
      new Error(
        `AWS provider 5.100.0 not found in a local mirror: set ZTB_TF_PLUGIN_DIR to a directory laid out as registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/, searched: ${candidates.join(", ")}`,
      ),
    );
  });

  it("uses ZTB_TF_PLUGIN_DIR without looking at the candidates", () => {
    const configured = mirrorWithAws(path.join(root, "configured"));
    const candidate = mirrorWithAws(path.join(root, "candidate"));
    expect(findPluginDir([AWS_PROVIDER], { env: { ZTB_TF_PLUGIN_DIR: configured }, candidates: [candidate], platform: "linux_amd64" })).toBe(configured);
  });

  it("says where the provider should be when ZTB_TF_PLUGIN_DIR lacks it", () => {
    const configured = path.join(root, "empty");
    expect(() => findPluginDir([AWS_PROVIDER], { env: { ZTB_TF_PLUGIN_DIR: configured }, candidates: [], platform: "linux_amd64" })).toThrow(
      new Error(
        `ZTB_TF_PLUGIN_DIR is "${configured}" but it has no AWS provider 5.100.0: put the provider binary under ${configured}/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/ or unset ZTB_TF_PLUGIN_DIR`,
      ),
    );
  });

  it("needs every required provider in the same directory", () => {
    const kubernetes = { hostname: "registry.terraform.io", namespace: "hashicorp", type: "kubernetes", version: "2.36.0" };
    const awsOnly = mirrorWithAws(path.join(root, "aws-only"));
    expect(() => findPluginDir([AWS_PROVIDER, kubernetes], { env: {}, candidates: [awsOnly], platform: "linux_amd64" })).toThrow(
      "hashicorp/kubernetes provider 2.36.0 not found in a local mirror",
    );
  });
});

describe("mirror layout helpers", () => {
  it("ignores a provider file that is not executable", () => {
    const dir = path.join(root, "mirror", "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "terraform-provider-aws_v5.100.0_x5"), "", { mode: 0o644 });
    expect(mirrorHasProvider(path.join(root, "mirror"), AWS_PROVIDER, "linux_amd64")).toBe(false);
  });

  it("accepts any version when the requirement has none", () => {
    const mirror = mirrorWithAws(path.join(root, "mirror"), "linux_amd64", "5.1.0");
    expect(mirrorHasProvider(mirror, { ...AWS_PROVIDER, version: undefined }, "linux_amd64")).toBe(true);
  });

  it("maps Node platforms to Terraform's names", () => {
    expect(terraformPlatform("linux", "x64")).toBe("linux_amd64");
    expect(terraformPlatform("darwin", "arm64")).toBe("darwin_arm64");
    expect(terraformPlatform("win32", "x64")).toBe("windows_amd64");
  });

  it("lists the documented default candidates in order", () => {
    expect(defaultPluginDirCandidates("/home/dev")).toEqual([
      "/opt/tf-plugins",
      "/home/dev/.terraform.d/plugins",
      "/usr/share/terraform/plugins",
      "/usr/local/share/terraform/plugins",
    ]);
  });

  it("reads provider requirements from a synthesized stack", () => {
    expect(
      requiredProviders({
        terraform: {
          required_providers: {
            aws: { source: "aws", version: "5.100.0" },
            kubernetes: { source: "hashicorp/kubernetes", version: "~> 2.36" },
            acme: { source: "example.com/acme/thing", version: "= 1.2.3" },
          },
        },
      }),
    ).toEqual([
      AWS_PROVIDER,
      { hostname: "registry.terraform.io", namespace: "hashicorp", type: "kubernetes", version: undefined },
      { hostname: "example.com", namespace: "acme", type: "thing", version: "1.2.3" },
    ]);
  });
});
