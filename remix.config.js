// WAYMARK_BUILD_DIR lets several builds live side by side (a test run beside a dev server).
const buildDir = process.env.WAYMARK_BUILD_DIR ?? "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: `${buildDir}/client`,
  publicPath: "/build/",
  // mermaid and react-big-calendar ship ESM that the server bundle must not externalise.
  serverDependenciesToBundle: [/^react-big-calendar/, /^mermaid/],
  // No v3_lazyRouteDiscovery: it matches every route against each parent path of the URL on every
  // page (a quarter of a small page's server time) to inline a partial manifest; without it the
  // browser loads the whole manifest once, as an immutable file (docs/decisions/0013-*.md).
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
