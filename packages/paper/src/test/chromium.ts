// Headless Chromium for the account page test: core's launcher, the one place that says which browser
// and which flags (core keeps it out of its published files, so it is reached in the workspace's build).
export { CHROMIUM, NEEDS_CHROMIUM, launchChromium } from "../../../core/dist/observe/test-support/chromium";
