import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The Makefile picks a free port; a fresh demo database is made for every run.
const port = Number(process.env.E2E_PORT ?? 3917);
const root = resolve(__dirname, "..");
const dbDir = process.env.E2E_DB_DIR ?? mkdtempSync(join(tmpdir(), "resonance-e2e-"));
process.env.E2E_DB_DIR = dbDir;
// E2E_DATABASE_URL picks the store (a postgres:// URL runs the suite on PostgreSQL);
// by default a fresh SQLite file.
const database = process.env.E2E_DATABASE_URL || `sqlite://${join(dbDir, "e2e.db")}`;
process.env.E2E_DATABASE_URL = database;
const binary = join(root, "target", "release", "resonance");

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
    viewport: { width: 1440, height: 1000 },
  },
  webServer: {
    command: `${binary} demo --database '${database}' && ${binary} serve --database '${database}' --bind 127.0.0.1:${port} --dist ${join(root, "dist")} --raw-dir ${join(dbDir, "imports")}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
