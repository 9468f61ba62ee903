// The programme's own risk register: the same page as a project's, kept by the programme's managers
// (access and scope come from the address: see app/modules/risk/route.server.ts).
// Named re-exports, not `export *`: Remix reads a route's exports by name to know it has a loader.
export { default, loader, meta, handle, headers, ErrorBoundary } from "./projects.$slug.risks._index";
