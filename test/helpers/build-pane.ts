// Builds what the task-pane tests serve: the pane itself with the project's webpack.config.js (production, as
// shipped), and the in-page office.js stand-in. `npm test` alone does this from a clean clone; dist/ is untouched.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import webpack, { type Configuration } from "webpack";

const PROJECT = join(import.meta.dirname, "..", "..");

function compile(config: Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (!stats || stats.hasErrors()) {
        return reject(new Error(stats?.toString({ all: false, errors: true }) ?? "webpack failed"));
      }
      resolve();
    });
  });
}

/** The task pane as `npm run build` makes it, into `outDir`. */
export async function buildPane(outDir: string): Promise<void> {
  const url = pathToFileURL(join(PROJECT, "webpack.config.js")).href;
  const { default: config } = (await import(url)) as {
    default: (env: Record<string, string>, argv: { mode: string }) => Configuration;
  };
  await compile({ ...config({ outDir }, { mode: "production" }), context: PROJECT });
}

/** The office.js stand-in (test/helpers/fake-office.ts) as one script: `outDir/office.js`. */
export async function buildFakeOffice(outDir: string): Promise<string> {
  await compile({
    mode: "development",
    devtool: false,
    context: PROJECT,
    target: ["web", "es2019"],
    entry: { office: "./test/helpers/fake-office.ts" },
    output: { path: outDir, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    stats: "errors-only",
  });
  return join(outDir, "office.js");
}
