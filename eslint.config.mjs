import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "sdk/dist/**", "node_modules/**", ".standby/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Command-line entry points and tests talk to a terminal on purpose.
    files: ["local/**/main.ts", "local/lab/**/*.ts", "bench/**/*.ts", "sdk/src/cli/**/*.ts", "test/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
