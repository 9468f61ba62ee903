import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3310);
const E2E_DB = process.env.E2E_DB ?? "tests/.cache/e2e.db";
// The app's mail goes to a loopback SMTP server that tests/e2e/global-setup.ts starts; specs read it back over HTTP.
process.env.E2E_SMTP_URL ??= `smtp://127.0.0.1:${PORT + 1000}`;

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  outputDir: process.env.E2E_OUTPUT ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's Chromium: Playwright cannot download its own browser here.
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    command: `rm -f ${E2E_DB}* && node bin/waymark.js migrate && node bin/waymark.js seed --demo && node server.js`,
    url: `http://localhost:${PORT}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      DATABASE_PATH: E2E_DB,
      APP_URL: `http://localhost:${PORT}`,
      SESSION_SECRET: "e2e-session-secret-not-for-production",
      RUN_SCHEDULER: "0",
      SMTP_URL: process.env.E2E_SMTP_URL ?? "",
      WAYMARK_BUILD_DIR: process.env.WAYMARK_BUILD_DIR ?? "build",
    },
  },
});
