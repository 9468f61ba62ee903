import ExcelJS from "exceljs";
import { expect, expectAccessible, signIn, test } from "./fixtures";

const PLAN = "/projects/benefits-improvement";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The demo plan as downloaded, with one extra row (and, for the second copy, that row edited). */
async function editedCopy(exported: Buffer, edit: { title: string; deadline: string }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported as never);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const col = (name: string) => header.indexOf(name);
  const row = ws.addRow([]);
  row.getCell(col("Ref")).value = "E2E1";
  row.getCell(col("Action")).value = edit.title;
  row.getCell(col("Deadline (as written)")).value = edit.deadline;
  row.getCell(col("Status")).value = "Not started";
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

test("with JavaScript off, a manager imports an edited copy of the plan, confirms, and a second copy applies only its edits", async ({ browser, as }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "manager");
  const exported = Buffer.from(await (await page.request.get(`${PLAN}/actions.xlsx`)).body());

  await page.goto(`${PLAN}/actions`);
  await page.getByRole("link", { name: "Import from a spreadsheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a spreadsheet" })).toBeVisible();
  // Nothing chosen: the error is shown at the field.
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("link", { name: "Choose a spreadsheet file to upload" })).toBeVisible();

  await page.getByLabel("Spreadsheet file").setInputFiles({ name: "plan.xlsx", mimeType: XLSX, buffer: await editedCopy(exported, { title: "Publish the take-up leaflet", deadline: "end of Jan 27" }) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check the import" })).toBeVisible();
  const preview = page.getByRole("table", { name: /What the import would do/ });
  await expect(preview.getByRole("row")).toHaveCount(2);
  await expect(preview.getByRole("row", { name: /E2E1/ })).toContainText("New");
  await expect(preview.getByRole("row", { name: /E2E1/ })).toContainText("Due date: 2027-01-31");
  // axe runs in the page, so it checks the same preview (same person, same link) with JavaScript on.
  const withJs = await as("manager");
  await withJs.goto(page.url());
  await expect(withJs.getByRole("heading", { level: 1, name: "Check the import" })).toBeVisible();
  await expectAccessible(withJs);
  await withJs.goto(`${PLAN}/import`);
  await expectAccessible(withJs);
  await page.getByRole("button", { name: "Import 1 action" }).click();
  await expect(page.getByText("1 created, 0 updated")).toBeVisible();

  await page.getByLabel("Spreadsheet file").setInputFiles({ name: "plan-v2.xlsx", mimeType: XLSX, buffer: await editedCopy(exported, { title: "Publish the take-up leaflet in three languages", deadline: "end of Feb 27" }) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  const second = page.getByRole("table", { name: /What the import would do/ });
  await expect(second.getByRole("row")).toHaveCount(2);
  const edited = second.getByRole("row", { name: /E2E1/ });
  await expect(edited).toContainText("Update");
  await expect(edited).toContainText("Action: Publish the take-up leaflet → Publish the take-up leaflet in three languages");
  await expect(edited).toContainText("Due date: 2027-01-31 → 2027-02-28");
  await page.getByRole("button", { name: "Import 1 action" }).click();
  await expect(page.getByText(/0 created, 1 updated/)).toBeVisible();

  await page.goto(`${PLAN}/actions/all`);
  await expect(page.getByText("Publish the take-up leaflet in three languages")).toBeVisible();
  await context.close();
});
