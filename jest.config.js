// Three levels, as in DESIGN.md: unit (pure code and fakes), integration (real app in the local host against the
// emulator and Azurite), e2e (SDK and CLI as a user runs them). Type checking happens in `npm run build` and the
// test tsconfig; jest only transpiles, which keeps the suite fast.
const transform = {
  "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
};

const project = (name, testTimeout) => ({
  displayName: name,
  testEnvironment: "node",
  roots: [`<rootDir>/test/${name}`],
  testMatch: ["**/*.test.ts"],
  transform,
  moduleFileExtensions: ["ts", "js", "json"],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [project("unit"), project("integration"), project("e2e")],
  testTimeout: 120000,
  // Integration suites spend most of their time waiting on child processes (Azurite, the host) and simulated
  // time, so two workers keep both cores busy even on a 2-core machine.
  maxWorkers: 2,
};
