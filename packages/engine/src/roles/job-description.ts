import { idToWords } from '../text/words.ts';
import { deadlineText } from './changes.ts';
import type { Handoff, RoleDuties } from './duties.ts';

/** The parts of a job description a lead writes by hand, kept beside the derived duties. */
export interface JobText {
  reportsTo: string;
  skills: string;
  languages: string;
  hours: string;
}

export const EMPTY_JOB_TEXT: JobText = { reportsTo: '', skills: '', languages: '', hours: '' };

export interface JobSection {
  heading: string;
  /** Plain lines; a section may have none (then it says so). */
  lines: string[];
}

export interface JobDescription {
  title: string;
  department: string;
  purpose: string;
  /** The hand-written fields, labelled. */
  details: Array<{ label: string; value: string }>;
  /** Responsibilities, one group per workflow. */
  responsibilities: JobSection[];
  deadlines: string[];
  escalations: string[];
  handsTo: string[];
  receivesFrom: string[];
}

const LABELS: Array<[keyof JobText, string]> = [
  ['reportsTo', 'Reports to'],
  ['skills', 'Skills'],
  ['languages', 'Languages'],
  ['hours', 'Hours'],
];

/**
 * The job description of one role: the catalog's purpose, what it does in each workflow, the
 * deadlines it is accountable for and who it works with. `roleName` turns role ids into names.
 */
export function jobDescription(
  duties: RoleDuties,
  text: JobText = EMPTY_JOB_TEXT,
  roleName: (id: string) => string = (id) => id,
): JobDescription {
  const handoff = (h: Handoff, dir: 'to' | 'from') =>
    dir === 'to'
      ? `${h.fromTitle} (${idToWords(h.outcome)}) → ${roleName(h.toRole)}: ${h.toTitle}`
      : `${roleName(h.fromRole)}: ${h.fromTitle} (${idToWords(h.outcome)}) → ${h.toTitle}`;
  const deadlines: string[] = [];
  const escalations: string[] = [];
  const handsTo: string[] = [];
  const receivesFrom: string[] = [];
  const responsibilities: JobSection[] = duties.workflows.map((w) => {
    for (const s of w.steps)
      if (s.deadline) deadlines.push(`${w.title} — ${s.title}: ${deadlineText(s.deadline, roleName)}`);
    for (const e of w.escalations)
      escalations.push(
        `${w.title} — ${e.stepTitle}, when ${roleName(e.fromRole)} has not finished it within ${e.text}`,
      );
    for (const h of w.handsTo) handsTo.push(`${w.title} — ${handoff(h, 'to')}`);
    for (const h of w.receivesFrom) receivesFrom.push(`${w.title} — ${handoff(h, 'from')}`);
    const lines = w.steps.map(
      (s) => `${s.title} (outcomes: ${s.outcomes.map(idToWords).join(', ') || 'none'})`,
    );
    if (w.steps.length === 0 && w.escalations.length > 0)
      lines.push('Takes over overdue work escalated to this role');
    return { heading: w.title, lines };
  });
  return {
    title: duties.name,
    department: duties.department ?? '',
    purpose: duties.description ?? '',
    details: LABELS.filter(([key]) => text[key].trim() !== '').map(([key, label]) => ({
      label,
      value: text[key].trim(),
    })),
    responsibilities,
    deadlines,
    escalations,
    handsTo,
    receivesFrom,
  };
}

const NONE = 'None.';

/** Markdown for download and print-free sharing. */
export function jobDescriptionMarkdown(job: JobDescription): string {
  const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
  const list = (lines: string[]) => (lines.length ? lines.map((l) => `- ${md(l)}`).join('\n') : NONE);
  const out = [`# ${md(job.title)}`, ''];
  if (job.department) out.push(`**Department:** ${md(job.department)}`, '');
  for (const d of job.details) out.push(`**${d.label}:** ${md(d.value)}`, '');
  out.push('## Purpose', '', job.purpose ? md(job.purpose) : NONE, '', '## Responsibilities', '');
  if (job.responsibilities.length === 0) out.push(NONE, '');
  for (const s of job.responsibilities) out.push(`### ${md(s.heading)}`, '', list(s.lines), '');
  out.push('## Deadlines accountable for', '', list(job.deadlines), '');
  out.push('## Escalations received', '', list(job.escalations), '');
  out.push('## Hands work to', '', list(job.handsTo), '');
  out.push('## Receives work from', '', list(job.receivesFrom), '');
  return out.join('\n');
}

export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A standalone, printable HTML page. */
export function jobDescriptionHtml(job: JobDescription): string {
  const e = escapeHtml;
  const list = (lines: string[]) =>
    lines.length ? `<ul>${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : `<p>${NONE}</p>`;
  const body = [
    `<h1>${e(job.title)}</h1>`,
    job.department ? `<p><strong>Department:</strong> ${e(job.department)}</p>` : '',
    ...job.details.map((d) => `<p><strong>${e(d.label)}:</strong> ${e(d.value)}</p>`),
    '<h2>Purpose</h2>',
    `<p>${job.purpose ? e(job.purpose) : NONE}</p>`,
    '<h2>Responsibilities</h2>',
    job.responsibilities.length === 0 ? `<p>${NONE}</p>` : '',
    ...job.responsibilities.map((s) => `<h3>${e(s.heading)}</h3>${list(s.lines)}`),
    '<h2>Deadlines accountable for</h2>',
    list(job.deadlines),
    '<h2>Escalations received</h2>',
    list(job.escalations),
    '<h2>Hands work to</h2>',
    list(job.handsTo),
    '<h2>Receives work from</h2>',
    list(job.receivesFrom),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(job.title)} — job description</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#212529}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.5rem;border-bottom:1px solid #ced4da}h3{font-size:1rem}@media print{body{margin:0;font-size:11pt}h2,h3{break-after:avoid}}</style>
</head><body>
${body}
</body></html>
`;
}
