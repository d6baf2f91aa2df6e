/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type checking runs once in `npm run typecheck`; jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup.ts"],
  testTimeout: 300000,
};
