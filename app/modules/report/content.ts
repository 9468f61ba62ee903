// The shape of a report's content: what a draft shows and what publishing freezes. A published
// report is rendered only from this JSON, so it reads the same for ever. Pure.
import type { Period } from "./period";
import type { RagKey, RagStatus } from "./rag";

export const SECTION_KEYS = ["summary", "thisPeriod", "nextPeriod", "tolerances", "risks", "issues", "changeRequests", "recommendations", "benefits", "lessons"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_TITLES: Record<SectionKey, string> = {
  summary: "Status summary",
  thisPeriod: "This period",
  nextPeriod: "Next period",
  tolerances: "Project and stage tolerances",
  risks: "Key risks",
  issues: "Issues",
  changeRequests: "Requests for change",
  recommendations: "Recommendations progress",
  benefits: "Benefits and KPIs",
  lessons: "Lessons",
};

/** The end project report's sections (PRINCE2 closure), in order. */
export const END_SECTION_KEYS = ["summary", "objectives", "performance", "benefits", "followOn", "decisions", "lessons"] as const;
export type EndSectionKey = (typeof END_SECTION_KEYS)[number];
export const END_SECTION_TITLES: Record<EndSectionKey, string> = {
  summary: "Summary",
  objectives: "Achievements against the objectives",
  performance: "Performance against the plan",
  benefits: "Benefits",
  followOn: "Follow-on actions",
  decisions: "Decisions taken",
  lessons: "Lessons learned",
};
/** Every section a manager may write narrative for, in any kind of report. */
export const NARRATIVE_KEYS = [...new Set([...SECTION_KEYS, ...END_SECTION_KEYS])] as [SectionKey | EndSectionKey, ...Array<SectionKey | EndSectionKey>];
export type NarrativeKey = SectionKey | EndSectionKey;

export interface ActionLine {
  ref: string;
  title: string;
  date: string | null;
  flags: string[];
}
export interface NoteLine {
  ref: string;
  title: string;
  date: string;
  author: string | null;
  body: string;
}
export interface MilestoneLine {
  /** "m:<id>", to compare one report with the next. */
  key: string;
  name: string;
  target: string;
  baseline: string;
  achieved: string | null;
  flags: string[];
}
export interface RiskLine {
  ref: string;
  title: string;
  likelihood: number | null;
  impact: number | null;
  severity: number | null;
  band: string | null;
  status: string;
  owner: string | null;
  mitigation: string;
  flags: string[];
}
export interface FlaggedItem {
  /** "a:<id>", "m:<id>" or "r:<id>": compares one report with the next. */
  key: string;
  label: string;
  flags: string[];
}
export interface BenefitLine {
  name: string;
  measure: string;
  status: string;
}

export interface HighlightBody {
  project: { name: string; slug: string; manager: string | null };
  rag: Record<RagKey, RagStatus>;
  thisPeriod: { completed: ActionLine[]; notes: NoteLine[]; milestonesAchieved: MilestoneLine[]; decisions: Array<{ title: string; outcome: string; decidedOn: string; method: string }> };
  nextPeriod: { actionsDue: ActionLine[]; milestonesDue: MilestoneLine[] };
  tolerances: { baselineEnd: string | null; forecastEnd: string | null; toleranceDays: number | null; cost: string; cancelled: ActionLine[]; added: ActionLine[] };
  risks: { key: RiskLine[]; opened: string[]; changed: string[]; closed: string[] };
  issues: { blocked: ActionLine[]; conflicts: ActionLine[] };
  changeRequests: Array<{ title: string; status: string; workPackage: string | null }>;
  recommendations: Array<{ ref: string; title: string; progress: string; flagged: number }>;
  benefits: BenefitLine[];
  milestones: MilestoneLine[];
  flagged: FlaggedItem[];
}

export interface ReportMeta {
  title: string;
  period: Period;
  periodText: string;
  next: Period;
  nextText: string;
  /** The calendar date the live data was read as of. */
  asOf: string;
  version: number;
  changeNote: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface HighlightContent extends ReportMeta, HighlightBody {
  kind: "highlight";
  programme: string | null;
  narrative: Partial<Record<SectionKey, string>>;
  /** Absent in reports published before the timeline was added to them. */
  timeline?: ReportTimeline | null;
}

export interface ProgrammeContent extends ReportMeta {
  kind: "programme";
  programme: { name: string; slug: string };
  rag: Record<RagKey, RagStatus>;
  projects: HighlightBody[];
  narrative: Partial<Record<SectionKey, string>>;
}

export const IMPACT_KEYS = ["communication", "communitySafety", "equalities", "finance", "humanRights", "legal", "wards", "workforce"] as const;
export type ImpactKey = (typeof IMPACT_KEYS)[number];
export const IMPACT_LABELS: Record<ImpactKey, string> = {
  communication: "Communication and consultation",
  communitySafety: "Community safety",
  equalities: "Equalities",
  finance: "Finance",
  humanRights: "Human rights",
  legal: "Legal implications",
  wards: "Ward-specific impacts",
  workforce: "Workforce and workplace",
};

export interface CommitteeFields {
  committee: string;
  meetingDate: string;
  agendaItem: string;
  author: string;
  contact: string;
  purpose: "information" | "decision";
  summary: string;
  /** One recommendation to the committee per line. */
  recommendations: string;
  /** One background paper per line. */
  backgroundPapers: string;
  situation: string;
  impact: Partial<Record<ImpactKey, string>>;
}

export interface CommitteeContent extends ReportMeta {
  kind: "committee";
  programme: { name: string; slug: string };
  fields: CommitteeFields;
  stages: Array<{ project: string; workPackage: string; stage: string; dates: string; done: number; total: number; flagged: number }>;
  risks: RiskLine[];
  rag: Array<{ project: string; overall: RagStatus }>;
  timeline?: ReportTimeline | null;
}

/**
 * The timeline image frozen with a report: the drawing as SVG text (made by our own renderer, every
 * string escaped) and, as its text equivalent, one row per stage or milestone.
 */
export interface ReportTimeline {
  svg: string;
  width: number;
  height: number;
  rows: Array<{ item: string; kind: "stage" | "milestone"; dates: string; status: string }>;
}

export interface HandoverBenefit {
  name: string;
  measure: string;
  status: string;
  owner: string | null;
  /** When the next measurement is due (latest actual, or the baseline, plus its frequency). */
  nextReview: string | null;
}

export interface HandoverAction extends ActionLine {
  owners: string;
}

/** The end project report (PRINCE2 closure): what was delivered against the plan, and what is handed over. */
export interface EndContent extends ReportMeta {
  kind: "end";
  project: { name: string; slug: string; manager: string | null; purpose: string };
  programme: string | null;
  rag: Record<RagKey, RagStatus>;
  narrative: Partial<Record<NarrativeKey, string>>;
  delivery: {
    total: number;
    done: number;
    cancelled: number;
    open: number;
    /** Done on or before their baseline due date, of those done with both dates. */
    doneOnTime: number;
    doneLate: number;
    baselineEnd: string | null;
    forecastEnd: string | null;
    toleranceDays: number | null;
    cost: string;
  };
  milestones: MilestoneLine[];
  benefits: HandoverBenefit[];
  handover: { actions: HandoverAction[]; risks: RiskLine[] };
  decisions: HighlightBody["thisPeriod"]["decisions"];
  recommendations: HighlightBody["recommendations"];
}

export type ReportContent = HighlightContent | ProgrammeContent | CommitteeContent | EndContent;

/** Splits a multi-line field into its non-empty lines. */
export const lines = (text: string | undefined) => (text ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
