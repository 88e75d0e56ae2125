// Playwright drives Debian's Chromium (never a downloaded browser). scripts/test starts the
// server and passes BASE_URL. Every spec runs at a phone viewport; the no-JS project runs the
// specs that must work before hydration with JavaScript off.
import { defineConfig, devices } from "@playwright/test";

const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The JSON report is for scripts/e2e-failures.mjs, which repeats the failures at the end.
  reporter: [["list"], ["json", { outputFile: "test-results/report.json" }]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    locale: "fr-FR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "phone", use: { ...devices["Desktop Chrome"], ...phone, launchOptions: chromium }, testIgnore: /nojs|screens/ },
    { name: "phone-no-js", use: { ...devices["Desktop Chrome"], ...phone, launchOptions: chromium, javaScriptEnabled: false }, testMatch: /nojs/ },
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium }, testMatch: /screens/ },
  ],
});
