// Display parts of benefits and the business case: RAG and flag tags (words carry the meaning, not
// colour), the server-rendered SVG charts, and GOV.UK tables.
import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import type { BenefitUnit, BusinessCaseLineKind } from "#db/schema";
import { Tag, type TagColour } from "~/components/layout";
import { CHART, type ChartModel, cumulativeChart } from "./chart";
import { formatPounds, LINE_KIND_LABELS, type ToleranceRow, type YearFigures } from "./business-case";
import { BENEFIT_FLAG_NAMES, benefitFlagLabel, formatValue, RAG_LABELS, type BenefitFlag, type Rag } from "./rules";
import { comparePeriods, financialYearOf } from "./periods";
import { TableScroll } from "~/components/table-scroll";

const RAG_COLOURS: Record<Rag, TagColour> = { green: "green", amber: "yellow", red: "red", none: "grey" };

export function RagTag({ rag }: { rag: Rag }) {
  return <Tag colour={RAG_COLOURS[rag]}>{RAG_LABELS[rag]}</Tag>;
}

const FLAG_COLOURS: Record<BenefitFlag["kind"], TagColour> = { measurement_due: "orange", off_target: "red", trend_worsening: "pink" };

/** Flags as tags, each with its sentence below when `detail`. */
export function BenefitFlagTags({ flags, unit, detail = true, none = null }: { flags: BenefitFlag[]; unit: BenefitUnit; detail?: boolean; none?: ReactNode }) {
  if (flags.length === 0) return <>{none}</>;
  return (
    <ul className="govuk-list waymark-flag-list govuk-!-margin-bottom-0">
      {flags.map((f) => (
        <li key={f.kind} className="govuk-!-margin-bottom-1">
          <Tag colour={FLAG_COLOURS[f.kind]}>{BENEFIT_FLAG_NAMES[f.kind]}</Tag>
          {detail ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">{benefitFlagLabel(f, unit)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Marker({ kind, x, y, colour }: { kind: string; x: number; y: number; colour: string }) {
  if (kind === "square") return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
  if (kind === "triangle") return <polygon points={`${x},${y - 5} ${x + 5},${y + 4} ${x - 5},${y + 4}`} fill={colour} />;
  if (kind === "diamond") return <polygon points={`${x},${y - 5} ${x + 5},${y} ${x},${y + 5} ${x - 5},${y}`} fill={colour} />;
  return <circle cx={x} cy={y} r={4} fill={colour} />;
}

/**
 * Actuals as a line per organisation, targets as steps (thin, dashed), the baseline as a dotted
 * reference line. The accessible name states each series' latest value against its target; the
 * page gives the same figures as a table.
 */
export function BenefitChart({ model, name, id }: { model: ChartModel; name: string; id: string }) {
  if (model.empty) return null;
  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-4">
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-labelledby={`${id}-title`} style={{ width: "100%", maxWidth: CHART.width, height: "auto" }}>
        <title id={`${id}-title`}>{name}</title>
        {model.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={CHART.left} x2={CHART.width - CHART.right} y1={t.y} y2={t.y} stroke="#b1b4b6" strokeWidth={0.5} />
            <text x={CHART.left - 6} y={t.y + 4} textAnchor="end" fontSize={12} fill="#0b0c0c">
              {t.label}
            </text>
          </g>
        ))}
        {model.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={CHART.height - CHART.bottom + 18} textAnchor="middle" fontSize={12} fill="#0b0c0c">
            {t.label}
          </text>
        ))}
        {model.series.map((s) => (
          <g key={s.label}>
            {s.baseline ? <line x1={CHART.left} x2={CHART.width - CHART.right} y1={s.baseline.y} y2={s.baseline.y} stroke={s.style.colour} strokeDasharray="1 4" strokeWidth={1.5} /> : null}
            {s.targets.map((t) => (
              <line key={t.period} x1={t.x1} x2={t.x2} y1={t.y} y2={t.y} stroke={s.style.colour} strokeWidth={3} strokeOpacity={0.45} />
            ))}
            {s.actuals.length > 1 ? (
              <polyline points={s.actuals.map((a) => `${a.x},${a.y}`).join(" ")} fill="none" stroke={s.style.colour} strokeWidth={2} strokeDasharray={s.style.dash || undefined} />
            ) : null}
            {s.actuals.map((a) => (
              <Marker key={`${a.date}-${a.value}`} kind={s.style.marker} x={a.x} y={a.y} colour={s.style.colour} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="govuk-body-s">
        Key:{" "}
        {model.series.map((s) => (
          <span key={s.label} className="govuk-!-margin-right-3" style={{ whiteSpace: "nowrap" }}>
            <svg width="28" height="12" aria-hidden="true" focusable="false">
              <line x1={0} x2={28} y1={6} y2={6} stroke={s.style.colour} strokeWidth={2} strokeDasharray={s.style.dash || undefined} />
              <Marker kind={s.style.marker} x={14} y={6} colour={s.style.colour} />
            </svg>{" "}
            {s.label}
          </span>
        ))}
        . Thick pale lines are targets for each year; dotted lines are baselines.
      </figcaption>
    </figure>
  );
}

/** Cumulative net savings as bars, cumulative cash flow (after one-off costs) as a line. */
export function CumulativeChart({ years, name }: { years: YearFigures[]; name: string }) {
  const model = cumulativeChart(years);
  if (!model) return null;
  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-4">
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-labelledby="cumulative-title" style={{ width: "100%", maxWidth: CHART.width, height: "auto" }}>
        <title id="cumulative-title">{name}</title>
        {model.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={CHART.left} x2={CHART.width - CHART.right} y1={t.y} y2={t.y} stroke="#b1b4b6" strokeWidth={t.value === 0 ? 1.5 : 0.5} />
            <text x={CHART.left - 6} y={t.y + 4} textAnchor="end" fontSize={11} fill="#0b0c0c">
              {formatPounds(t.value)}
            </text>
          </g>
        ))}
        {model.bars.map((b) => (
          <g key={b.period}>
            <rect x={b.x} y={b.top} width={b.width} height={b.height} fill="#1d70b8" fillOpacity={0.7} />
            <text x={b.centre} y={CHART.height - CHART.bottom + 18} textAnchor="middle" fontSize={12} fill="#0b0c0c">
              {b.period}
            </text>
          </g>
        ))}
        <polyline points={model.bars.map((b) => `${b.centre},${b.cashY}`).join(" ")} fill="none" stroke="#d4351c" strokeWidth={2.5} strokeDasharray="8 4" />
        {model.bars.map((b) => (
          <rect key={b.period} x={b.centre - 4} y={b.cashY - 4} width={8} height={8} fill="#d4351c" />
        ))}
      </svg>
      <figcaption className="govuk-body-s">Key: blue bars are cumulative net savings; the dashed line with squares is cumulative cash flow after one-off costs.</figcaption>
    </figure>
  );
}

// ---- tables: the charts' text equivalents and the history of entries

type SeriesLike = { id: number; organisation: string | null; baselineValue: number | null; baselineLabel: string; targets: Array<{ period: string; start: string; end: string; value: number }>; actuals: Array<{ id: number; measuredOn: string; value: number; corrected: boolean }> };
type BenefitLike = { name: string; unit: BenefitUnit; series: SeriesLike[] };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const shortDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** The chart as tables: per organisation, each financial year's target and the actuals measured in it. */
export function FiguresTables({ benefit }: { benefit: BenefitLike }) {
  return (
    <>
      {benefit.series.map((s) => {
        const who = s.organisation ?? "Joint";
        const years = [...new Set([...s.targets.map((t) => t.period), ...s.actuals.map((a) => financialYearOf(a.measuredOn).label)])].sort(comparePeriods);
        return (
          <TableScroll key={s.id} label={`Figures: ${who}`}>
            <table className="govuk-table govuk-!-font-size-16" data-testid={`figures-${s.id}`}>
              <caption className="govuk-table__caption govuk-table__caption--s">
                {benefit.name}: {who}. Baseline {formatValue(s.baselineValue, benefit.unit)}
                {s.baselineLabel ? ` (${s.baselineLabel})` : ""}.
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Financial year</th>
                  <th scope="col" className="govuk-table__header">Target</th>
                  <th scope="col" className="govuk-table__header">Actuals</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {years.length === 0 ? (
                  <tr className="govuk-table__row">
                    <td className="govuk-table__cell" colSpan={3}>No targets or actuals yet.</td>
                  </tr>
                ) : null}
                {years.map((y) => {
                  const target = s.targets.find((t) => t.period === y);
                  const actuals = s.actuals.filter((a) => financialYearOf(a.measuredOn).label === y);
                  return (
                    <tr className="govuk-table__row" key={y}>
                      <th scope="row" className="govuk-table__header">{y}</th>
                      <td className="govuk-table__cell">{target ? formatValue(target.value, benefit.unit) : "None"}</td>
                      <td className="govuk-table__cell">
                        {actuals.length === 0
                          ? "None"
                          : actuals.map((a) => `${shortDate(a.measuredOn)}: ${formatValue(a.value, benefit.unit)}${a.corrected ? " (corrected)" : ""}`).join("; ")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        );
      })}
    </>
  );
}

export interface HistoryRow {
  id: number;
  seriesId: number;
  measuredOn: string;
  value: number;
  comment: string;
  correctsId: number | null;
  enteredBy: string | null;
  enteredAt: string;
}

/** Every figure ever entered, newest first; corrections say which entry they replace. */
export function HistoryTable({ benefit, history }: { benefit: BenefitLike; history: HistoryRow[] }) {
  const who = (seriesId: number) => benefit.series.find((s) => s.id === seriesId)?.organisation ?? "Joint";
  if (history.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">History of figures entered</h2>
      <TableScroll label="History of figures entered">
        <table className="govuk-table govuk-!-font-size-16">
          <caption className="govuk-table__caption govuk-visually-hidden">History of figures entered, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {["Entry", "Organisation", "For", "Value", "Entered", "Comment"].map((h) => (
                <th scope="col" className="govuk-table__header" key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {[...history].reverse().map((h) => (
              <tr className="govuk-table__row" key={h.id}>
                <td className="govuk-table__cell">
                  #{h.id}
                  {h.correctsId !== null ? <span className="govuk-!-display-block govuk-body-s govuk-!-margin-0">corrects #{h.correctsId}</span> : null}
                </td>
                <td className="govuk-table__cell">{who(h.seriesId)}</td>
                <td className="govuk-table__cell">{shortDate(h.measuredOn)}</td>
                <td className="govuk-table__cell">{formatValue(h.value, benefit.unit)}</td>
                <td className="govuk-table__cell">
                  {shortDate(h.enteredAt.slice(0, 10))}
                  {h.enteredBy ? ` by ${h.enteredBy}` : ""}
                </td>
                <td className="govuk-table__cell">{h.comment || "None"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

// ---- business-case tables

function Head({ cells }: { cells: string[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {cells.map((h, i) => (
          <th scope="col" className={`govuk-table__header${i > 0 ? " govuk-table__header--numeric" : ""}`} key={h}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

const num = "govuk-table__cell govuk-table__cell--numeric";

/** The cumulative chart's figures, and the table equivalent of it. */
export function CumulativeTable({ years }: { years: YearFigures[] }) {
  return (
    <TableScroll label="Savings and cash flow by year">
      <table className="govuk-table govuk-!-font-size-16" data-testid="cumulative-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Savings and cash flow by year</caption>
        <Head cells={["Year", "One-off costs", "Net saving", "Cumulative savings", "Cash flow", "Cumulative cash flow"]} />
        <tbody className="govuk-table__body">
          {years.map((y) => (
            <tr className="govuk-table__row" key={y.period}>
              <th scope="row" className="govuk-table__header">{y.period}</th>
              <td className={num}>{formatPounds(y.oneOff)}</td>
              <td className={num}>{formatPounds(y.netSaving)}</td>
              <td className={num}>{formatPounds(y.cumulativeSavings)}</td>
              <td className={num}>{formatPounds(y.cashFlow)}</td>
              <td className={num}>{formatPounds(y.cumulativeCashFlow)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type Figures = { categories: Array<{ kind: BusinessCaseLineKind; rows: Array<{ category: string; organisationId: number | null; amounts: Record<string, number>; total: number }> }> };

/** Each kind of line as the reference lays it out: categories down, years across, totals. */
export function CaseTables({ figures, years, orgName }: { figures: Figures; years: string[]; orgName: (id: number) => string }) {
  return (
    <>
      {figures.categories.map((c) => {
        const cols = years.filter((y) => c.rows.some((r) => r.amounts[y] !== undefined));
        return (
          <TableScroll key={c.kind} label={LINE_KIND_LABELS[c.kind]}>
            <table className="govuk-table govuk-!-font-size-16">
              <caption className="govuk-table__caption govuk-table__caption--s">{LINE_KIND_LABELS[c.kind]}</caption>
              <Head cells={["Category", ...cols, "Total"]} />
              <tbody className="govuk-table__body">
                {c.rows.map((r) => (
                  <tr className="govuk-table__row" key={`${r.category}-${r.organisationId}`}>
                    <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                      {r.category}
                      {r.organisationId !== null ? ` (${orgName(r.organisationId)} only)` : ""}
                    </th>
                    {cols.map((y) => (
                      <td className={num} key={y}>{r.amounts[y] === undefined ? "" : formatPounds(r.amounts[y])}</td>
                    ))}
                    <td className={num}>{formatPounds(r.total)}</td>
                  </tr>
                ))}
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">Total</th>
                  {cols.map((y) => (
                    <td className={`${num} govuk-!-font-weight-bold`} key={y}>{formatPounds(c.rows.reduce((a, r) => a + (r.amounts[y] ?? 0), 0))}</td>
                  ))}
                  <td className={`${num} govuk-!-font-weight-bold`}>{formatPounds(c.rows.reduce((a, r) => a + r.total, 0))}</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
        );
      })}
    </>
  );
}

export function ToleranceTable({ rows }: { rows: ToleranceRow[] }) {
  return (
    <TableScroll label="Spend against approved one-off costs">
      <table className="govuk-table govuk-!-font-size-16" data-testid="tolerance-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Spend against approved one-off costs</caption>
        <Head cells={["Year", "Approved", "Spent", "Difference", "Within tolerance?"]} />
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.period}>
              <th scope="row" className="govuk-table__header">{r.period}</th>
              <td className={num}>{formatPounds(r.approved)}</td>
              <td className={num}>{r.actual === null ? "Not entered" : formatPounds(r.actual)}</td>
              <td className={num}>{r.variance === null ? "" : formatPounds(r.variance)}</td>
              <td className={num}>{r.actual === null ? "" : r.exceeded ? <Tag colour="red">Cost tolerance exceeded</Tag> : "Yes"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** "Benefits needing attention": flagged benefits and business cases over cost tolerance, for the overview and the programme's attention page. */
export function BenefitAttention({
  benefits,
  costs,
  showProject,
}: {
  benefits: Array<{ id: number; name: string; href: string; project: string; flags: Array<{ kind: string; name: string; text: string }> }>;
  costs: Array<{ project: string; href: string; text: string }>;
  showProject: boolean;
}) {
  const count = benefits.length + costs.length;
  return (
    <section aria-labelledby="benefits-needing-attention" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="benefits-needing-attention">
        Benefits needing attention ({count})
      </h2>
      {count === 0 ? (
        <p className="govuk-body">No benefit is flagged and no business case is over its cost tolerance.</p>
      ) : (
        <TableScroll label="Benefits needing attention">
          <table className="govuk-table govuk-!-font-size-16" data-testid="benefits-attention">
            <caption className="govuk-table__caption govuk-visually-hidden">Benefits needing attention</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {["Benefit", ...(showProject ? ["Project"] : []), "Flags"].map((h) => (
                  <th scope="col" className="govuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {benefits.map((b) => (
                <tr className="govuk-table__row" key={b.href}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={b.href}>
                      {b.name}
                    </Link>
                  </td>
                  {showProject ? <td className="govuk-table__cell">{b.project}</td> : null}
                  <td className="govuk-table__cell">
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {b.flags.map((f) => (
                        <li key={f.kind} className="govuk-!-margin-bottom-1">
                          <Tag colour={FLAG_COLOURS[f.kind as BenefitFlag["kind"]]}>{f.name}</Tag>
                          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{f.text}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
              {costs.map((c) => (
                <tr className="govuk-table__row" key={c.href}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={c.href}>
                      Business case
                    </Link>
                  </td>
                  {showProject ? <td className="govuk-table__cell">{c.project}</td> : null}
                  <td className="govuk-table__cell">
                    <Tag colour="red">Cost tolerance exceeded</Tag>
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{c.text}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
