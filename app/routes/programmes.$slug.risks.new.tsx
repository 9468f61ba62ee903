// The programme's own risk register: the same page as a project's, kept by the programme's managers
// (access and scope come from the address: see app/modules/risk/route.server.ts).
export * from "./projects.$slug.risks.new";
export { default } from "./projects.$slug.risks.new";
