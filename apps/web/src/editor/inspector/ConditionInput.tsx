import { Text, Textarea } from '@mantine/core';
import { checkExpression, type Definition, edgeText } from '@portalflow/engine';
import { CircleAlert } from 'lucide-react';

/**
 * A decision condition, parsed as you type; a problem shows where it is: "character 14". A valid
 * one shows how the diagram's arrow will read it ("Labs current: no").
 */
export function ConditionInput({
  value,
  onChange,
  label,
  definition,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  definition: Definition;
}) {
  const result = checkExpression(value);
  const position = result.ok ? -1 : Math.min(result.position, value.length);
  return (
    <div>
      <Textarea
        size="xs"
        label={label}
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
