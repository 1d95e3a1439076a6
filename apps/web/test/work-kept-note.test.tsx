import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_NOTE } from '../src/work/NoteBox.tsx';
import { NoteBoxAlone } from '../src/work/NoteBoxAlone.tsx';
import { TaskNote } from '../src/work/TaskNote.tsx';

const html = (node: ReactNode) =>
  renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>{node}</MantineProvider>
    </QueryClientProvider>,
  );

const typed = { body: 'Pharmacy called back: ready at 4 PM', forNextRole: true };
const box = { onChange: () => undefined, withOutcome: false, saving: false, onSaveNow: () => undefined };

describe('a note typed on a task that closes meanwhile', () => {
  it('is kept to copy once the request has ended, with no box to save it in', () => {
    const shown = html(<TaskNote draft={typed} canAddNote={false} taskOpen={false} {...box} />);
    expect(shown).toContain('data-testid="note-kept"');
    expect(shown).toContain(typed.body);
    expect(shown).not.toContain('data-testid="task-note"');
  });

  it('stays in the box while the request goes on, said to be not saved yet', () => {
    const shown = html(<TaskNote draft={typed} canAddNote taskOpen={false} {...box} />);
    expect(shown).toContain('data-testid="note-kept-hint"');
    expect(shown).toContain('data-testid="task-note"');
    expect(shown).not.toContain('data-testid="note-kept"');
  });

  it('is just the box while the task is open', () => {
    const shown = html(<TaskNote draft={typed} canAddNote taskOpen {...box} />);
    expect(shown).not.toContain('note-kept');
    expect(shown).toContain('data-testid="task-note"');
  });

  it('on a step with no form, follows the same rule: an ended request takes no note', () => {
    const ended = html(
      <NoteBoxAlone
        instanceId="i-1"
        openTaskId={null}
        canAddNote={false}
        onAdded={() => undefined}
        draft={EMPTY_NOTE}
        onChange={() => undefined}
      />,
    );
    expect(ended).not.toContain('data-testid="task-note"');
    const going = html(
      <NoteBoxAlone
        instanceId="i-1"
        openTaskId="t-1"
        canAddNote
        onAdded={() => undefined}
        draft={EMPTY_NOTE}
        onChange={() => undefined}
      />,
    );
    expect(going).toContain('data-testid="task-note"');
  });
});
