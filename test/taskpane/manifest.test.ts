// manifest.xml against the add-in manifest XML schemas, offline (`npm run validate` asks Microsoft's online
// validator), plus what the schemas cannot say: Excel only, the permission the add-in needs, its locales, and
// that every address it names is on the local server and every icon exists.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const PROJECT = join(import.meta.dirname, "..", "..");
const MANIFEST = join(PROJECT, "manifest.xml");
const SCHEMA = join(PROJECT, "..", "shared", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
const xml = readFileSync(MANIFEST, "utf8");

function xmllint(file: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8", stdio: "pipe" });
    return { ok: true, output };
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string };
    return { ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

describe("manifest.xml", () => {
  it("is valid against the Office add-in manifest schemas", () => {
    const result = xmllint(MANIFEST);
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });

  it("the schema check is real: a wrong permission is refused", () => {
    const bad = join(mkdtempSync(join(tmpdir(), "rapport-manifest-")), "manifest.xml");
    writeFileSync(bad, xml.replace("ReadWriteDocument", "WriteEverything"));
    const result = xmllint(bad);
    rmSync(dirname(bad), { recursive: true, force: true });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Permissions");
  });

  it("is an Excel task pane with ReadWriteDocument, a ribbon button, zh-CN by default and en-US too", () => {
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
    expect(xml).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(xml).toContain("<DefaultLocale>zh-CN</DefaultLocale>");
    expect(xml).toMatch(/<DisplayName DefaultValue="[^"]*[\u4e00-\u9fff][^"]*">\s*<Override Locale="en-US"/);
    expect(xml).toContain('<Action xsi:type="ShowTaskpane">');
    expect(xml.match(/<bt:Override Locale="en-US"/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it("points only at the local server, and every icon it names exists", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"|<AppDomain>([^<]+)</g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://localhost:3000")).toBe(true);
    const icons = [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+\.png)/g)].map((m) => m[1]);
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const icon of icons) expect(existsSync(join(PROJECT, icon))).toBe(true);
    expect(xml).toContain("https://localhost:3000/taskpane.html");
  });
});
