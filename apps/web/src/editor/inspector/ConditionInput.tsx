import { Text, Textarea } from '@mantine/core';
import { checkExpression, type Definition, edgeText } from '@portalflow/engine';
import { CircleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { useEditorStore } from '../useEditorStore.ts';
import { ConditionPicker } from './ConditionPicker.tsx';
import { choiceFields } from './choiceCondition.ts';

/**
 * A decision condition: picked from a form field's choices ("When Payer answer is Approved") or
 * typed, parsed as you type; a problem shows where it is: "character 14". A valid one shows how the
 * diagram's arrow will read it ("Labs current: no"), and what lint says about it (a value that is
 * not one of the field's choices), where the lead is looking.
 */
export function ConditionInput({
  value,
  onChange,
  label,
  definition,
  path,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  definition: Definition;
  /** `steps.<decision>.branches.<i>.when`: where lint's findings about this condition point. */
  path: string;
}) {
  const result = checkExpression(value);
  const picking = useMemo(() => choiceFields(definition).length > 0, [definition]);
  const all = useEditorStore((s) => s.lintFindings);
  const findings = useMemo(() => all.filter((f) => f.path === path), [all, path]);
  const position = result.ok ? -1 : Math.min(result.position, value.length);
  return (
    <div>
      <ConditionPicker value={value} onChange={onChange} definition={definition} />
      <Textarea
        size="xs"
        label={picking ? 'Or write the condition' : label}
        mt={picking ? 6 : 0}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={4}
        spellCheck={false}
        styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
        error={result.ok ? undefined : true}
        placeholder="data.urgent == true and data.age >= 18"
        className="nodrag nokey"
        data-testid="condition-input"
      />
      {result.ok && value.trim() !== '' && (
        <Text size="xs" c="dimmed" data-testid="condition-words">
          Reads on the diagram: “
          {edgeText({ from: '', to: '', kind: 'branch', label: value, path: '' }, definition)}”
        </Text>
      )}
      {result.ok &&
        findings.map((f) => (
          <Text key={f.rule + f.message} size="xs" c="red.9" role="alert" data-testid="condition-problem">
            <CircleAlert size={12} aria-hidden /> {f.message}
          </Text>
        ))}
      {!result.ok && (
        <div className="pf-expr-error" role="alert" data-testid="condition-error">
          <Text size="xs" c="red.9" fw={600} component="div">
            <CircleAlert size={12} aria-hidden /> Error at character {position}: {result.message}
          </Text>
          <code className="pf-expr-caret" aria-hidden>
            {value.slice(0, position)}
            <mark>{value.slice(position, position + 1) || ' '}</mark>
            {value.slice(position + 1)}
          </code>
        </div>
      )}
    </div>
  );
}
