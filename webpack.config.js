// The task pane's build, after the Office add-in TypeScript template (yo office): ts-loader, html-webpack-plugin
// for taskpane.html, copy-webpack-plugin for the stylesheet, the help page, icons and manifest. `rapport serve`
// serves the result (dist/); office.js itself always comes from Microsoft's CDN.
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export default (env = {}, options = {}) => {
  const dev = options.mode === "development";
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    // Office's web views: Edge (WebView2), Safari on the Mac, and the browsers of Excel on the web.
    target: ["web", "es2019"],
    entry: { taskpane: "./src/taskpane/taskpane.ts" },
    output: {
      path: env.outDir ? resolve(env.outDir) : resolve(here, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          // chinese-days points "module" at an ES module while its package says "type": "commonjs".
          test: /[\\/]chinese-days[\\/].*\.js$/,
          type: "javascript/auto",
        },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`'s job; the build only transpiles.
            options: { transpileOnly: true, compilerOptions: { noEmit: false, target: "es2019", sourceMap: dev } },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
};
