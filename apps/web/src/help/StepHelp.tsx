import { Anchor, Group, Text } from '@mantine/core';
import { CircleHelp, Search } from 'lucide-react';
import { Link } from 'react-router';
import './help.css';
import { RichText } from './RichText.tsx';

/**
 * A task step's help where the work happens: the definition's `help` text (paragraphs, lists, bold,
 * links) and a way into the staff FAQ for questions the step's text does not answer.
 */
export function StepHelp({
  help,
  stepTitle,
  className,
}: {
  help: string;
  stepTitle: string;
  className?: string;
}) {
  return (
    <aside aria-labelledby="step-help-title" className={className} data-testid="step-help">
      <Group gap={6} mb={4}>
        <CircleHelp size={16} aria-hidden />
        {/* A section of the task like "Request details" (h3 under the task's title): found by heading. */}
        <Text component="h3" fw={600} size="sm" m={0} id="step-help-title">
          How to do this step
        </Text>
      </Group>
      <Text size="sm" component="div">
        <RichText source={help} />
      </Text>
      <Anchor
        component={Link}
        to={`/faq?q=${encodeURIComponent(stepTitle)}`}
        size="sm"
        mt={6}
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
        data-testid="step-help-faq-link"
      >
        <Search size={14} aria-hidden /> Search the staff FAQ
      </Anchor>
    </aside>
  );
}
