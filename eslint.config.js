import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "src/client/schema.ts", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Domain code takes time from the clock object (DESIGN habit 8).",
        },
      ],
    },
  },
  {
    files: ["bench/**", "scripts/**", "test/**", "src/jobs/clock.ts", "src/web/**", "src/server/plugins/**"],
    rules: { "no-restricted-syntax": "off" },
  },
);
