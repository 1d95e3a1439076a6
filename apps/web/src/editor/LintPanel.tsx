import { Badge, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import type { Definition, Finding } from '@portalflow/engine';
import { ChevronDown, ChevronUp, CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LintOverlay, ProblemTarget } from '../model/lintOverlay.ts';
import { problemSubjects } from '../model/problemSubject.ts';

const ICON = {
  error: <CircleAlert size={14} color="#c92a2a" aria-hidden />,
  warning: <TriangleAlert size={14} color="#e67700" aria-hidden />,
  info: <Info size={14} color="#1c7ed6" aria-hidden />,
};

/**
 * Rows drawn at first: the panel shows about five, and a large workflow can have hundreds of
 * problems (each a row with an icon), which would all be drawn while the editor opens.
 */
const FIRST_ROWS = 40;

/** The next rows of a long list: drawn when the button scrolls into view, or when it is pressed. */
function MoreRows({ left, onMore }: { left: number; onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const el = button.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, []);
  return (
    <li>
      <UnstyledButton
        ref={button}
        className="pf-lint-row pf-lint-more"
        onClick={onMore}
        data-testid="lint-more"
      >
        Show {left} more {left === 1 ? 'problem' : 'problems'}
      </UnstyledButton>
    </li>
  );
}

/**
 * Problems in the workflow, errors first, each naming what it is about in words; choosing one
 * selects its box, arrow or lane, or shows the workflow's settings.
 */
export function LintPanel({
  definition,
  findings,
  overlay,
  onPick,
}: {
  definition: Definition;
  findings: Finding[];
  overlay: LintOverlay | null;
  onPick: (target: ProblemTarget) => void;
}) {
  const [open, setOpen] = useState(true);
  const [rows, setRows] = useState(FIRST_ROWS);
  // Only the rows drawn are named: a large workflow can have hundreds of problems.
  const shown = useMemo(() => findings.slice(0, rows), [findings, rows]);
  const subjects = useMemo(
    () => problemSubjects(definition, shown, overlay?.targets ?? []),
    [definition, shown, overlay],
  );
  const errors = overlay?.errors ?? 0;
  const warnings = overlay?.warnings ?? 0;
  return (
    <section className="pf-lint" aria-label="Problems" data-testid="lint-panel">
      <Group justify="space-between" px="sm" py={4} className="pf-lint-head">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Problems
          </Text>
          <Badge
            color={errors ? 'red' : 'gray'}
            variant={errors ? 'filled' : 'light'}
            leftSection={<CircleAlert size={12} aria-hidden />}
            data-testid="lint-count-errors"
          >
            {errors} {errors === 1 ? 'error' : 'errors'}
          </Badge>
          <Badge
            color={warnings ? 'orange' : 'gray'}
            variant="light"
            leftSection={<TriangleAlert size={12} aria-hidden />}
            data-testid="lint-count-warnings"
          >
            {warnings} {warnings === 1 ? 'warning' : 'warnings'}
          </Badge>
        </Group>
        <UnstyledButton
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-label={open ? 'Hide problems' : 'Show problems'}
          className="pf-icon-button"
        >
          {open ? <ChevronDown size={16} aria-hidden /> : <ChevronUp size={16} aria-hidden />}
        </UnstyledButton>
      </Group>
      {open && (
        // As tall as its findings, up to ~5 rows: "No problems" leaves the canvas its room.
        <ScrollArea.Autosize mah={112} type="auto" scrollbars="y" classNames={{ content: 'pf-lint-content' }}>
          {findings.length === 0 ? (
            <Group gap={6} px="sm" py={6}>
              <CircleCheck size={14} color="#2b8a3e" aria-hidden />
              <Text size="sm">No problems: this workflow can be published.</Text>
            </Group>
          ) : (
            <ul className="pf-lint-list">
              {shown.map((f, i) => {
                const target = overlay?.targets[i] ?? {};
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: findings are a fresh list each edit; the same rule can report one path twice
                  <li key={`${f.rule}-${f.path}-${i}`}>
                    <UnstyledButton
                      className="pf-lint-row"
                      onClick={() => onPick(target)}
                      data-testid="lint-finding"
                      data-severity={f.severity}
                    >
                      {ICON[f.severity]}
                      <span className={`pf-lint-sev pf-lint-${f.severity}`}>{f.severity}</span>
                      <span className="pf-lint-msg" title={f.message}>
                        {f.message}
                      </span>
                      <span className="pf-lint-where" title={f.path || undefined}>
                        {subjects[i]}
                      </span>
                    </UnstyledButton>
                  </li>
                );
              })}
              {findings.length > rows && (
                <MoreRows left={findings.length - rows} onMore={() => setRows((n) => n + FIRST_ROWS * 2)} />
              )}
            </ul>
          )}
        </ScrollArea.Autosize>
      )}
    </section>
  );
}
