// The Office add-in conventions (the yo office template's lint set), plus type-aware checks that keep `any` out.
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";

export default [
  { ignores: ["node_modules/", "dist/", "out/", "coverage/"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts"],
    // The plugin's own parser reference does not resolve with @typescript-eslint 8; name it here.
    languageOptions: { ecmaVersion: 2022, parser: tsParser },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-undef": "off",
      "no-redeclare": "off",
      // Chinese text uses the ideographic space (U+3000) on purpose.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    // webpack.config.js is an ES module (the package is "type": "module").
    files: ["webpack.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
  },
  {
    files: ["**/*.mjs", "**/*.cjs"],
    languageOptions: { ecmaVersion: 2022, globals: { module: "readonly", process: "readonly", console: "readonly" } },
  },
];
