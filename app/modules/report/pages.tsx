// The report pages' markup, shared by project and programme routes (which only differ in scope).
import { Form, Link } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { ErrorSummary, Checkboxes, DateInput, Radios, Select, SubmitButton, TextArea, TextInput, type FormState } from "~/components/forms";
import { formatDate, formatDateTime, NotificationBanner, PageTitle, Tag } from "~/components/layout";
import type { Comparison } from "./compare";
import { END_SECTION_KEYS, END_SECTION_TITLES, IMPACT_KEYS, IMPACT_LABELS, SECTION_KEYS, SECTION_TITLES, type EndSectionKey, type ReportContent } from "./content";

const END_HINTS: Partial<Record<EndSectionKey, string>> = {
  objectives: "How far each objective in the project initiation document was met, with the evidence",
  performance: "Printed above the figures for time, cost and scope against the baselines",
  followOn: "Printed above the open actions and risks handed over, with who takes them on",
  lessons: "What went well, what did not, and what the next project should do differently",
};
import type { Edits } from "./edits";
import { DIMENSION_LABELS, RAG_KEYS, RAG_LABELS } from "./rag";
import { RagTag, ReportDocument } from "./ui";

const KIND_LABELS = { highlight: "Highlight report", programme: "Programme report", committee: "Committee progress report", end: "End project report" } as const;
const STATUS_TAGS = { draft: ["grey", "Draft"], published: ["green", "Published"], superseded: ["orange", "Superseded"] } as const;

export function StatusTag({ status }: { status: keyof typeof STATUS_TAGS }) {
  const [colour, label] = STATUS_TAGS[status];
  return <Tag colour={colour}>{label}</Tag>;
}

interface ListData {
  name: string;
  base: string;
  level: "project" | "programme";
  canManage: boolean;
  cycle: { frequency: string; dueDay: number; startDate: string } | null;
  overdue: string | null;
  offerEnd: boolean;
  indexLinks: Array<{ id: number; createdAt: string; revokedAt: string | null }> | null;
  newIndexLink: string | null;
  origin: string;
  reports: Array<{ id: number; kind: keyof typeof KIND_LABELS; title: string; period: string; status: keyof typeof STATUS_TAGS; version: number; publishedAt: string | null }>;
}

export function ReportList({ data, state }: { data: ListData; state?: FormState }) {
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={data.name}>Reports</PageTitle>
      {data.overdue ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {data.overdue}
          </strong>
        </div>
      ) : null}
      {data.offerEnd ? (
        <div className="govuk-inset-text">
          This project is closed. <Link className="govuk-link" to={`${data.base}/new?kind=end`}>Write its end project report</Link>: what was delivered against the plan, the benefits and who reviews them, and the actions and risks handed over.
        </div>
      ) : null}
      {data.canManage ? (
        <div className="govuk-button-group">
          <Link className="govuk-button" to={`${data.base}/new`}>
            New report
          </Link>
          {data.level === "project" && !data.offerEnd ? (
            <Link className="govuk-link" to={`${data.base}/new?kind=end`}>
              New end project report
            </Link>
          ) : null}
        </div>
      ) : null}
      {data.reports.length === 0 ? (
        <p className="govuk-body">No reports {data.canManage ? "yet" : "have been published yet"}.</p>
      ) : (
        <TableScroll label="Reports">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Reports, newest period first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Report</th>
                <th scope="col" className="govuk-table__header">Kind</th>
                <th scope="col" className="govuk-table__header">Period</th>
                <th scope="col" className="govuk-table__header">Version</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.reports.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${data.base}/${r.id}`}>{r.title}</Link>
                  </td>
                  <td className="govuk-table__cell">{KIND_LABELS[r.kind]}</td>
                  <td className="govuk-table__cell">{r.period}</td>
                  <td className="govuk-table__cell">{r.version}</td>
                  <td className="govuk-table__cell">
                    <StatusTag status={r.status} />
                    {r.publishedAt ? <span className="govuk-body-s"> {formatDateTime(r.publishedAt)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data.indexLinks ? <IndexLinks data={data} links={data.indexLinks} /> : null}
      {data.level === "project" && data.canManage ? (
        <>
          <h2 className="govuk-heading-m">Reporting cycle</h2>
          <p className="govuk-body">
            {data.cycle
              ? `A ${data.cycle.frequency} highlight report is due on day ${data.cycle.dueDay} of the month after each period, from ${formatDate(data.cycle.startDate)}. A report not published by then is flagged as overdue.`
              : "No reporting cycle is set, so no report is ever flagged as overdue."}
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cycle-set" />
            <Radios name="frequency" legend="How often" inline state={state} defaultValue={data.cycle?.frequency ?? "monthly"} options={[{ value: "monthly", label: "Monthly" }, { value: "quarterly", label: "Quarterly" }]} />
            <TextInput name="dueDay" label="Due on day of the following month" hint="A number from 1 to 28" width={2} state={state} defaultValue={data.cycle?.dueDay ?? 5} />
            <DateInput name="startDate" label="Cycle starts" state={state} defaultValue={data.cycle?.startDate ?? null} />
            <SubmitButton secondary>Save reporting cycle</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** A programme's public index of its published reports, for its scrutiny committee (decision 0022). */
function IndexLinks({ data, links }: { data: ListData; links: NonNullable<ListData["indexLinks"]> }) {
  return (
    <section aria-labelledby="index-links-heading" id="index-links" className="waymark-no-print">
      <h2 className="govuk-heading-m" id="index-links-heading">Public list of reports</h2>
      {data.newIndexLink ? (
        <NotificationBanner title="Link made">
          <p className="govuk-body">Anyone with this link can read the programme&rsquo;s published programme and committee reports without signing in. Copy it now: it is not shown again.</p>
          <p className="govuk-body waymark-break-all"><code>{`${data.origin}/published/programmes/${data.newIndexLink}`}</code></p>
        </NotificationBanner>
      ) : null}
      <p className="govuk-body">One link for the scrutiny committee: it lists this programme&rsquo;s published programme and committee reports, newest first, each as it was published. Turn a link off to stop it working.</p>
      {links.length ? (
        <ul className="govuk-list">
          {links.map((l) => (
            <li key={l.id}>
              Link made {formatDateTime(l.createdAt)}: {l.revokedAt ? `turned off ${formatDateTime(l.revokedAt)}` : "working"}{" "}
              {l.revokedAt ? null : (
                <Form method="post" className="waymark-inline-form govuk-!-margin-left-2">
                  <input type="hidden" name="intent" value="index-revoke" />
                  <input type="hidden" name="linkId" value={l.id} />
                  <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">Turn off<span className="govuk-visually-hidden"> the list link made {formatDateTime(l.createdAt)}</span></button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="index-create" />
        <SubmitButton secondary>Make a link to the list</SubmitButton>
      </Form>
    </section>
  );
}

export function NewReport({ data, state }: { data: { name: string; base: string; level: "project" | "programme"; kind: string; period: { from: string; to: string }; title: string }; state?: FormState }) {
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={data.name}>New report</PageTitle>
      <p className="govuk-body">Choose the period. The draft is filled in from the live action plan, milestones, risks and decisions; you add the narrative and your judgements before publishing.</p>
      <Form method="post" noValidate>
        {data.level === "programme" ? (
          <Radios name="kind" legend="Kind of report" state={state} defaultValue="programme" options={[{ value: "programme", label: "Programme report: one status line per project" }, { value: "committee", label: "Committee progress report, for elected members" }]} />
        ) : (
          <Radios
            name="kind"
            legend="Kind of report"
            state={state}
            defaultValue={data.kind}
            options={[
              { value: "highlight", label: "Highlight report: progress in the period, for the project board" },
              { value: "end", label: "End project report: what was delivered and what is handed over, when the project closes" },
            ]}
          />
        )}
        <TextInput name="title" label="Title" state={state} defaultValue={data.title} />
        <DateInput name="from" label="First day of the period" state={state} defaultValue={data.period.from} />
        <DateInput name="to" label="Last day of the period" state={state} defaultValue={data.period.to} />
        <div className="govuk-button-group">
          <SubmitButton>Create draft</SubmitButton>
          <Link className="govuk-link" to={data.base}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

interface PageData {
  name: string;
  base: string;
  canManage: boolean;
  report: { id: number; kind: keyof typeof KIND_LABELS; status: keyof typeof STATUS_TAGS; version: number; supersedesId: number | null; changeNote: string };
  content: ReportContent;
  hash: string | null;
  versions: Array<{ id: number; version: number; status: keyof typeof STATUS_TAGS; publishedAt: string | null; changeNote: string }>;
  links: Array<{ id: number; createdAt: string; revokedAt: string | null }>;
  newLink: string | null;
  comparison: { previousTitle: string; comparison: Comparison | null; projects: Array<{ project: string; comparison: Comparison }> } | null;
}

export function ReportPage({ data, state, origin }: { data: PageData; state?: FormState; origin: string }) {
  const { report, content } = data;
  const here = `${data.base}/${report.id}`;
  const current = data.versions.filter((v) => v.status === "published").at(-1);
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      {data.newLink ? (
        <NotificationBanner title="Link made">
          <p className="govuk-body">Anyone with this link can read the report without signing in. Copy it now: it is not shown again.</p>
          <p className="govuk-body waymark-break-all"><code>{`${origin}/published/${data.newLink}`}</code></p>
        </NotificationBanner>
      ) : null}
      <PageTitle caption={`${data.name}: ${KIND_LABELS[report.kind]}`}>{content.title}</PageTitle>
      <p className="govuk-body waymark-no-print">
        <StatusTag status={report.status} />
        {report.status === "superseded" && current ? (
          <> This version has been corrected. <Link className="govuk-link" to={`${data.base}/${current.id}`}>Read the current version ({current.version})</Link>.</>
        ) : null}
      </p>
      {report.status === "draft" ? (
        <div className="govuk-inset-text waymark-no-print">This is a draft, drawn from live data each time it is shown. Publishing freezes it: nothing later changes what was published.</div>
      ) : (
        <ul className="govuk-list waymark-no-print">
          <li><a className="govuk-link" href={`${here}.pdf`} download>Download as PDF</a></li>
          {report.kind === "committee" ? <li><a className="govuk-link" href={`${here}.docx`} download>Download as Word document</a></li> : null}
        </ul>
      )}
      <ReportDocument content={content} comparison={data.comparison} />
      {data.hash ? <p className="govuk-body-s">Fingerprint of the published content (SHA-256): <code className="waymark-break-all">{data.hash}</code></p> : null}
      {data.versions.length > 1 ? (
        <section className="waymark-no-print" aria-labelledby="versions">
          <h2 className="govuk-heading-m" id="versions">Versions</h2>
          <ul className="govuk-list">
            {data.versions.map((v) => (
              <li key={v.id}>
                {v.id === report.id ? <strong>Version {v.version} (this one)</strong> : <Link className="govuk-link" to={`${data.base}/${v.id}`}>Version {v.version}</Link>} <StatusTag status={v.status} />
                {v.publishedAt ? ` ${formatDateTime(v.publishedAt)}` : ""}
                {v.changeNote ? `: ${v.changeNote}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.canManage ? <ManagePanel data={data} /> : null}
    </>
  );
}

function ManagePanel({ data }: { data: PageData }) {
  const { report } = data;
  if (report.status === "draft") {
    return (
      <section className="waymark-no-print" aria-labelledby="publish">
        <h2 className="govuk-heading-m" id="publish">Publish</h2>
        <Link className="govuk-button govuk-button--secondary" to={`${data.base}/${report.id}/edit`}>Edit narrative and status</Link>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="publish" />
          <Checkboxes name="emailBoard" legend="Tell people" options={[{ value: "yes", label: "Email the link to the board" }]} />
          <TextArea name="distribution" label="Also email the link to (optional)" hint="Email addresses, one a line or separated by commas" rows={3} />
          <SubmitButton>Publish report</SubmitButton>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="discard" />
          <button type="submit" className="govuk-button govuk-button--warning">Delete this draft</button>
        </Form>
      </section>
    );
  }
  return (
    <>
      {report.status === "published" ? (
        <section className="waymark-no-print" aria-labelledby="correct">
          <h2 className="govuk-heading-m" id="correct">Correct this report</h2>
          <p className="govuk-body">A correction is a new version: you say what changed and why, and this version stays readable.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="correct" />
            <SubmitButton secondary>Start a correction</SubmitButton>
          </Form>
        </section>
      ) : null}
      <section className="waymark-no-print" aria-labelledby="links" id="links">
        <h2 className="govuk-heading-m" id="links-heading">Links without an account</h2>
        <p className="govuk-body">A link shows the current version of this report, and its earlier versions, to anyone who has it. Turn a link off to stop it working.</p>
        {data.links.length ? (
          <ul className="govuk-list">
            {data.links.map((l) => (
              <li key={l.id}>
                Link made {formatDateTime(l.createdAt)}: {l.revokedAt ? `turned off ${formatDateTime(l.revokedAt)}` : "working"}
                {l.revokedAt ? null : (
                  <Form method="post" className="waymark-inline-form">
                    <input type="hidden" name="intent" value="link-revoke" />
                    <input type="hidden" name="linkId" value={l.id} />
                    <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">Turn off<span className="govuk-visually-hidden"> the link made {formatDateTime(l.createdAt)}</span></button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="link-create" />
          <SubmitButton secondary>Make a link</SubmitButton>
        </Form>
      </section>
    </>
  );
}

interface EditData {
  name: string;
  base: string;
  report: { id: number; kind: keyof typeof KIND_LABELS; title: string; periodFrom: string; periodTo: string; revision: number; supersedesId: number | null; changeNote: string };
  edits: Edits;
  content: ReportContent;
}

export function EditReport({ data, state }: { data: EditData; state?: FormState }) {
  const { report, edits, content } = data;
  const c = edits.committee;
  const riskRefs = content.kind === "highlight" ? content.risks.key.map((r) => r.ref) : [];
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={`${data.name}: ${KIND_LABELS[report.kind]}`}>Edit draft</PageTitle>
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={report.revision} />
        <TextInput name="title" label="Title" state={state} defaultValue={report.title} />
        <DateInput name="from" label="First day of the period" state={state} defaultValue={report.periodFrom} />
        <DateInput name="to" label="Last day of the period" state={state} defaultValue={report.periodTo} />
        {report.supersedesId ? <TextArea name="changeNote" label="What changed in this correction, and why" hint="Printed at the top of the corrected report" state={state} defaultValue={report.changeNote} rows={3} /> : null}
        {content.kind !== "committee" ? (
          <>
            <h2 className="govuk-heading-m">Status</h2>
            <p className="govuk-body">Each status is computed from the data, with its rule shown. You may change one only with a reason, which is printed in the report.</p>
            {RAG_KEYS.map((key) => {
              const r = content.rag[key];
              const o = edits.overrides[key];
              return (
                <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={key}>
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                    {DIMENSION_LABELS[key]}: computed <RagTag status={r.computed} />
                  </legend>
                  <p className="govuk-body-s">{r.rule}</p>
                  <Select name={`override-${key}`} label={`${DIMENSION_LABELS[key]} status to show`} state={state} defaultValue={o?.status ?? ""} emptyLabel="As computed" options={(["green", "amber", "red"] as const).map((s) => ({ value: s, label: RAG_LABELS[s] }))} />
                  <TextArea name={`reason-${key}`} label={`Reason for changing the ${DIMENSION_LABELS[key].toLowerCase()} status`} state={state} defaultValue={o?.reason ?? ""} rows={2} />
                </fieldset>
              );
            })}
            <h2 className="govuk-heading-m">Narrative</h2>
            {content.kind === "end"
              ? END_SECTION_KEYS.map((key) => (
                  <TextArea key={key} name={`narrative-${key}`} label={END_SECTION_TITLES[key]} hint={END_HINTS[key]} state={state} defaultValue={edits.narrative[key] ?? ""} rows={key === "summary" || key === "lessons" || key === "objectives" ? 6 : 3} />
                ))
              : SECTION_KEYS.map((key) => (
                  <TextArea key={key} name={`narrative-${key}`} label={SECTION_TITLES[key]} state={state} defaultValue={edits.narrative[key] ?? ""} rows={key === "summary" ? 6 : 3} />
                ))}
            {riskRefs.length || edits.featuredRisks.length ? (
              <Checkboxes name="featuredRisks" legend="Risks to feature" hint="None chosen: the five highest by severity" state={state} defaultValues={edits.featuredRisks} options={[...new Set([...riskRefs, ...edits.featuredRisks])].map((r) => ({ value: r, label: r }))} />
            ) : null}
          </>
        ) : (
          <>
            <h2 className="govuk-heading-m">Committee</h2>
            <TextInput name="committee" label="Committee" state={state} defaultValue={c?.committee ?? ""} />
            <DateInput name="meetingDate" label="Meeting date" state={state} defaultValue={c?.meetingDate ?? ""} />
            <TextInput name="agendaItem" label="Agenda item" width={5} state={state} defaultValue={c?.agendaItem ?? ""} />
            <TextInput name="author" label="Author" state={state} defaultValue={c?.author ?? ""} />
            <TextInput name="contact" label="Author's contact" hint="A telephone number or email address" state={state} defaultValue={c?.contact ?? ""} />
            <Radios name="purpose" legend="Purpose" inline state={state} defaultValue={c?.purpose ?? "information"} options={[{ value: "information", label: "Item for information" }, { value: "decision", label: "Item for decision" }]} />
            <TextArea name="summary" label="Summary" hint="One paragraph a line" state={state} defaultValue={c?.summary ?? ""} />
            <TextArea name="recommendations" label="Recommendations to the committee" hint="One a line, for example: That the Committee notes the progress of the programme." state={state} defaultValue={c?.recommendations ?? ""} rows={3} />
            <TextArea name="backgroundPapers" label="Background papers" hint="One a line" state={state} defaultValue={c?.backgroundPapers ?? ""} rows={3} />
            <TextArea name="situation" label="Situation" hint="One paragraph a line; progress by stage and the risk analysis are added from the plan and the registers" state={state} defaultValue={c?.situation ?? ""} rows={8} />
            <h2 className="govuk-heading-m">Impact</h2>
            {IMPACT_KEYS.map((k) => (
              <TextInput key={k} name={`impact-${k}`} label={IMPACT_LABELS[k]} hint="Leave empty for “None.”" state={state} defaultValue={c?.impact[k] ?? ""} />
            ))}
          </>
        )}
        <div className="govuk-button-group">
          <SubmitButton>Save draft</SubmitButton>
          <Link className="govuk-link" to={`${data.base}/${report.id}`}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}
