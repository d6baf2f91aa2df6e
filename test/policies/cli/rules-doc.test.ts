import * as fs from "fs";
import * as path from "path";
import { ztb } from "./helpers";

test("docs/rules.md is in sync with the rules (run `npm run rules:docs` to regenerate)", async () => {
  const generated = (await ztb(["rules", "--format", "markdown"])).stdout;
  const file = path.join(__dirname, "..", "..", "..", "docs", "rules.md");
  const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (committed !== generated) {
    throw new Error("docs/rules.md is out of date with the rules: run `npm run build && npm run rules:docs` and commit the result.");
  }
});

/** The Security Hub coverage section of a rules document: from its heading to the next domain heading. */
function coverageSection(markdown: string): string {
  const start = markdown.indexOf("## AWS Security Hub coverage");
  if (start < 0) return "";
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

test("docs/rules.md's Security Hub coverage tables are in sync with the rules' securityHub references", async () => {
  const generated = coverageSection((await ztb(["rules", "--format", "markdown"])).stdout);
  const file = path.join(__dirname, "..", "..", "..", "docs", "rules.md");
  const committed = coverageSection(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
  expect(generated).toMatch(/^## AWS Security Hub coverage\n/);
  if (committed !== generated) {
    throw new Error("the Security Hub coverage tables of docs/rules.md are out of date: run `npm run build && npm run rules:docs` and commit the result.");
  }
});

describe("Security Hub ids in ztb rules", () => {
  test("markdown: a column in the index, a coverage table per service with rules, runtime-only reasons and gaps, and the summary", async () => {
    const md = (await ztb(["rules", "--format", "markdown"])).stdout;
    expect(md).toContain("| ID | Title | Severity | Domain | Checkov | Security Hub |");
    expect(md).toMatch(/\| \[ZT-NET-004\]\(#zt-net-004\) \| [^|]+ \| medium \| network \| CKV2_AWS_12 \| EC2\.2 \|/);
    expect(md).toMatch(/\| \[ZT-META-001\]\(#zt-meta-001\) \| [^|]+ \| high \| meta \| – \| – \|/);
    const section = coverageSection(md);
    expect(section).toMatch(/\*\*\d+ of \d+ plan-checkable controls covered \(\d+%\)\.\*\*/);
    for (const service of ["EC2", "IAM", "KMS", "SecretsManager", "APIGateway", "ELB", "EKS", "WAF", "SSM"]) expect(section).toContain(`\n### ${service} controls\n`);
    expect(section).toContain("| EC2.2 | VPC default security groups should not allow inbound or outbound traffic | [ZT-NET-004](#zt-net-004) |");
    expect(section).toContain("| EC2.20 | Both VPN tunnels for an AWS Site-to-Site VPN connection should be up | runtime only: whether a VPN tunnel is up is a runtime state |");
    expect(section).toMatch(/\| EC2\.19 \| [^|]+ \| \[ZT-NET-001\]\(#zt-net-001\), \[ZT-NET-002\]\(#zt-net-002\)/);
    expect(section).not.toContain("CloudTrail.2");
    // The per-rule references name the ids as well.
    expect(md).toMatch(/### ZT-CMP-001\n[^#]*- AWS Security Hub: EC2\.8, EC2\.170, AutoScaling\.3\n/);
  });

  test("text: the ids after each title that has some, and the coverage line; JSON: the references and the coverage", async () => {
    const text = (await ztb(["rules"])).stdout;
    expect(text).toMatch(/ZT-NET-004\s+medium\s+network\s+Default security group of a VPC allows traffic {2}\[Security Hub EC2\.2\]\n/);
    expect(text).toMatch(/ZT-META-001\s+high\s+meta\s+Suppression without a reason\n/);
    expect(text).toMatch(/\nAWS Security Hub FSBP: \d+ of 77 plan-checkable controls covered \(\d+%\)\n$/);
    const json = JSON.parse((await ztb(["rules", "--format", "json"])).stdout);
    expect(json.rules.find((r: { id: string }) => r.id === "ZT-SEC-005").references.securityHub).toEqual(["SecretsManager.1", "SecretsManager.4"]);
    expect(json.securityHubCoverage).toMatchObject({ standard: "aws-foundational-security-best-practices/v/1.0.0", planCheckable: 77 });
    const kms = json.securityHubCoverage.services.find((s: { service: string }) => s.service === "KMS");
    expect(kms.controls.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual(["KMS.1 covered", "KMS.2 covered", "KMS.3 runtime only", "KMS.5 covered"]);
    expect(kms.controls[2].runtimeOnly).toMatch(/scheduling its deletion/);
    expect(json.securityHubCoverage.percent).toBe(Math.floor((100 * json.securityHubCoverage.covered) / 77));
  });
});
