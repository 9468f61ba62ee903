// The OpenAPI 3.1 description of /api/v1, built from one table so the file, docs/api.md and the
// test that calls every path agree.
export interface DocumentedPath {
  path: string;
  summary: string;
  /** "list": { data: [...], next }, "item": { data: {...} } */
  shape: "list" | "item";
  query?: Array<{ name: string; description: string }>;
}

const paging = [
  { name: "limit", description: "Items per page, 1 to 200 (default 50)" },
  { name: "cursor", description: "Opaque: the `next` of the previous page" },
];
const asOf = { name: "asOf", description: "Flags as they stand on this date (YYYY-MM-DD); default today" };

export const DOCUMENTED_PATHS: DocumentedPath[] = [
  { path: "/programmes", summary: "Programmes you can see", shape: "list", query: paging },
  { path: "/projects", summary: "Projects you can see", shape: "list", query: paging },
  { path: "/projects/{slug}", summary: "One project", shape: "item" },
  { path: "/projects/{slug}/work-packages", summary: "Work packages with their stages", shape: "list", query: paging },
  { path: "/projects/{slug}/milestones", summary: "Milestones with flags", shape: "list", query: [...paging, asOf] },
  {
    path: "/projects/{slug}/actions",
    summary: "Actions with flags and root causes",
    shape: "list",
    query: [
      ...paging,
      asOf,
      { name: "flag", description: "overdue, due_soon, blocked, stale, unowned, slipped, or any" },
      { name: "owner", description: "A person id (or t<team id>)" },
      { name: "wp", description: "A work package id, or none" },
      { name: "status", description: "not_started, in_progress, blocked, done, cancelled, or open" },
      { name: "updatedSince", description: "Only actions changed at or after this ISO date-time" },
    ],
  },
  { path: "/projects/{slug}/progress-notes", summary: "Progress notes of the project's actions", shape: "list", query: paging },
  { path: "/projects/{slug}/dependencies", summary: "Dependencies touching the project (ends in projects you cannot see are redacted)", shape: "list", query: paging },
  { path: "/projects/{slug}/risks", summary: "The project's risk register", shape: "list", query: paging },
  { path: "/projects/{slug}/decisions", summary: "The project's decisions register", shape: "list", query: paging },
  { path: "/projects/{slug}/benefits", summary: "Benefits with baselines, targets by period, actuals, RAG and flags, per organisation", shape: "list", query: [...paging, asOf] },
  { path: "/projects/{slug}/reports", summary: "Published progress reports (and superseded ones), with links to read them", shape: "list", query: paging },
];

const errorRef = { $ref: "#/components/responses/Error" };

export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const p of DOCUMENTED_PATHS) {
    const parameters = [
      ...(p.path.includes("{slug}") ? [{ name: "slug", in: "path", required: true, schema: { type: "string" } }] : []),
      ...(p.query ?? []).map((q) => ({ name: q.name, in: "query", required: false, description: q.description, schema: { type: "string" } })),
    ];
    paths[p.path] = {
      get: {
        summary: p.summary,
        parameters,
        responses: {
          "200": {
            description: "OK",
            headers: { ETag: { schema: { type: "string" } }, ...(p.shape === "list" ? { Link: { description: 'rel="next" when there is another page', schema: { type: "string" } } } : {}) },
            content: { "application/json": { schema: { $ref: p.shape === "list" ? "#/components/schemas/List" : "#/components/schemas/Item" } } },
          },
          "304": { description: "Not modified (If-None-Match matched the ETag)" },
          "400": errorRef,
          "401": errorRef,
          "404": errorRef,
          "429": errorRef,
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Waymark read-only API", version: "1" },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token from your account page" } },
      schemas: {
        List: { type: "object", required: ["data", "next"], properties: { data: { type: "array", items: { type: "object" } }, next: { type: ["string", "null"], format: "uri" } } },
        Item: { type: "object", required: ["data"], properties: { data: { type: "object" } } },
        Error: { type: "object", required: ["error"], properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } } },
      },
      responses: { Error: { description: "An error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
    },
  };
}
