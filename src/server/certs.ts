// The HTTPS certificate of the local server. Office loads add-ins only over HTTPS, so `rapport serve` uses the
// development certificates of `office-addin-dev-certs` (a local CA and a localhost certificate, in
// ~/.office-addin-dev-certs). On a first interactive run it asks, then creates them and has the system trust the
// CA (Windows asks for confirmation, macOS for a password, Linux needs sudo). Without a terminal — CI, scripts,
// a service — it never asks: it uses the existing certificates, or generates fresh ones without installing them.
// A company certificate can be given instead (`--cert`/`--key`).
import { X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ensureCertificatesAreInstalled, generateCertificates, verifyCertificates } from "office-addin-dev-certs";
import type { BilingualText } from "../core/types";

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** The local CA (development certificates), for clients that check the chain. */
  ca?: Buffer;
  source: "given" | "existing" | "generated" | "installed";
  certPath: string;
  keyPath: string;
}

export class CertificateError extends Error {
  constructor(readonly text: BilingualText) {
    super(`${text.zh} / ${text.en}`);
    this.name = "CertificateError";
  }
}

export interface CertificateOptions {
  /** A company certificate and its key (PEM). */
  cert?: string;
  key?: string;
  /** Where the development certificates live (default ~/.office-addin-dev-certs, as office-addin-dev-certs). */
  dir?: string;
  /** Whether a person can answer a question (both stdin and stdout are terminals). */
  interactive?: boolean;
  /** Asks a yes/no question; only called when interactive. */
  ask?: (question: string) => Promise<boolean>;
  log?: (line: string) => void;
  /** Days the generated certificates are valid. */
  days?: number;
}

export const DEV_CERT_DIR = join(process.env.HOME ?? process.env.USERPROFILE ?? ".", ".office-addin-dev-certs");

const FILES = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" } as const;

/** Still valid for at least a day. */
function usable(certPem: Buffer): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return new Date(cert.validTo).getTime() > Date.now() + 86_400_000;
  } catch {
    return false;
  }
}

async function readPair(certPath: string, keyPath: string, caPath?: string) {
  const [cert, key, ca] = await Promise.all([
    readFile(certPath),
    readFile(keyPath),
    caPath && existsSync(caPath) ? readFile(caPath) : Promise.resolve(undefined),
  ]);
  return { cert, key, ca };
}

async function given(options: CertificateOptions): Promise<TlsMaterial> {
  if (!options.cert || !options.key) {
    throw new CertificateError({
      zh: "--cert 与 --key 需同时给出（PEM 格式的证书和私钥）",
      en: "give both --cert and --key (the certificate and its private key, PEM)",
    });
  }
  let pair;
  try {
    pair = await readPair(options.cert, options.key);
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new CertificateError({
      zh: `无法读取证书或私钥：${detail}`,
      en: `cannot read the certificate or key: ${detail}`,
    });
  }
  try {
    new X509Certificate(pair.cert);
  } catch {
    throw new CertificateError({
      zh: `${options.cert} 不是 PEM 格式的证书`,
      en: `${options.cert} is not a PEM certificate`,
    });
  }
  return { ...pair, source: "given", certPath: options.cert, keyPath: options.key };
}

async function generate(dir: string, days: number): Promise<void> {
  // office-addin-dev-certs writes nothing while an old CA file is there: stale files go first.
  await Promise.all(Object.values(FILES).map((f) => rm(join(dir, f), { force: true })));
  const quiet = console.log;
  try {
    // Its own "generated in …" line would repeat what `rapport serve` says.
    console.log = () => undefined;
    await generateCertificates(join(dir, FILES.ca), join(dir, FILES.cert), join(dir, FILES.key), days);
  } finally {
    console.log = quiet;
  }
}

/** The certificate `rapport serve` uses; see the file comment for the rules. */
export async function loadCertificates(options: CertificateOptions = {}): Promise<TlsMaterial> {
  if (options.cert !== undefined || options.key !== undefined) return given(options);
  const log = options.log ?? (() => undefined);
  const dir = options.dir ?? DEV_CERT_DIR;
  const paths = { ca: join(dir, FILES.ca), cert: join(dir, FILES.cert), key: join(dir, FILES.key) };
  const present = existsSync(paths.cert) && existsSync(paths.key);
  const valid = present && usable(await readFile(paths.cert));
  const days = options.days ?? 30;
  const result = async (source: TlsMaterial["source"]): Promise<TlsMaterial> => ({
    ...(await readPair(paths.cert, paths.key, paths.ca)),
    source,
    certPath: paths.cert,
    keyPath: paths.key,
  });

  const defaultDir = options.dir === undefined;
  if (options.interactive && options.ask && defaultDir) {
    let trusted = false;
    try {
      trusted = valid && verifyCertificates();
    } catch {
      trusted = false;
    }
    if (trusted) return result("existing");
    const yes = await options.ask(
      "Rapport 需要一个本机 HTTPS 开发证书，Excel 才能加载任务窗格。现在创建并让系统信任它吗？" +
        "（Windows 会弹出确认框，macOS 会要求输入密码，Linux 需要 sudo）[Y/n]\n" +
        "Rapport needs a local HTTPS development certificate for Excel to load the task pane. Create it now and " +
        "have the system trust it? (Windows asks to confirm, macOS asks for your password, Linux needs sudo) [Y/n]",
    );
    if (yes) {
      try {
        await ensureCertificatesAreInstalled(days);
        return result("installed");
      } catch (e) {
        const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
        log(
          `证书已生成但未能安装为受信任：${detail}。Excel 网页版可在浏览器中打开 https://localhost 后手动信任。\n` +
            `The certificate was generated but could not be trusted: ${detail}. For Excel on the web, open https://localhost in the browser and accept it.`,
        );
        if (existsSync(paths.cert)) return result("generated");
      }
    }
  }
  if (valid) return result("existing");
  await generate(dir, days);
  log(
    `已在 ${dir} 生成新的开发证书（未安装为受信任）。运行 npx office-addin-dev-certs install 可让系统信任它。\n` +
      `Generated new development certificates in ${dir} (not trusted yet). Run npx office-addin-dev-certs install to trust them.`,
  );
  return result("generated");
}
