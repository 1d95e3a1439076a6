import { describe, expect, it } from 'vitest';
import { toMermaid } from '../src/model/mermaid.ts';
import { EXAMPLES, example, triage } from './model-support.ts';

describe('toMermaid', () => {
  it('draws one subgraph per role with its steps and labelled arrows', () => {
    const text = toMermaid(triage());
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('subgraph lane_0["Front desk (Front office)"]');
    expect(text).toContain('s_classify["Classify the message"]');
    expect(text).toContain('s_is_urgent{"Decision"}');
    expect(text).toContain('s_closed(("End: resolved"))');
    expect(text).toContain('s_classify -->|"Clinical"| s_is_urgent');
    expect(text).toContain('s_is_urgent -->|"Urgent"| s_call_patient');
    // The supervisor owns no task: no empty subgraph.
    expect(text).not.toContain('Front office supervisor');
    expect(text.match(/subgraph/g)).toHaveLength(3);
    expect(text.match(/^ {2}end$/gm)).toHaveLength(3);
  });

  it('escapes quotes and never uses a bare keyword as an id', () => {
    const d = triage();
    d.steps.end = { type: 'end', title: 'Say "bye"' };
    (d.steps.classify as { outcomes: Record<string, string> }).outcomes.spam = 'end';
    const text = toMermaid(d);
    expect(text).toContain('s_end(("Say #quot;bye#quot;"))');
    expect(text).not.toMatch(/\bend\[/);
  });

  it('renders every example with one node line per step', () => {
    for (const name of EXAMPLES) {
      const d = example(name);
      const text = toMermaid(d);
      for (const id of Object.keys(d.steps)) expect(text).toContain(`s_${id.replace(/\W/g, '_')}`);
    }
  });
});
