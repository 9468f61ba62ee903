// Loads mermaid in the browser only (a .client module is empty on the server); import() gives it
// its own chunk, loaded by the dependency graph pages and no other.
export async function renderMermaid(id: string, text: string) {
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false, securityLevel: "antiscript", theme: "neutral", flowchart: { htmlLabels: false, useMaxWidth: true } });
  const { svg } = await mermaid.render(id, text);
  return svg;
}
