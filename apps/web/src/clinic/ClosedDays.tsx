import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ClinicClosure } from '@portalflow/contract';
import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { dayLabel, PATIENT_LANGUAGES, upcoming, withClosure } from './hours.ts';

/**
 * The days the clinic is closed (holidays, training days, a snow day): add, rename, remove. Each may
 * also be named for patients in the help page's other languages (Spanish): shown on that page.
 */
export function ClosedDays({
  closures,
  today,
  readOnly = false,
  onChange,
}: {
  closures: ClinicClosure[];
  today: string;
  readOnly?: boolean;
  onChange: (next: ClinicClosure[]) => void;
}) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [spanish, setSpanish] = useState('');
  const [showPast, setShowPast] = useState(false);
  const { ahead, past } = upcoming(closures, today);
  const shown = showPast ? closures : ahead;

  function add(e: FormEvent) {
    e.preventDefault();
    if (!date) return;
    onChange(withClosure(closures, date, name.trim(), { es: spanish.trim() }));
    setDate('');
    setName('');
    setSpanish('');
  }

  return (
    <Paper withBorder p="md" data-testid="closed-days">
      <Title order={3} size="h4" mb={4}>
        Closed days
      </Title>
      <Text size="sm" c="gray.8" mb="sm">
        Holidays and other days the whole clinic is closed. Business-hours deadlines do not count them.
      </Text>
      {!readOnly && (
        <form onSubmit={add}>
          <Group align="flex-end" gap="sm" mb="sm">
            <TextInput
              type="date"
              label="Date"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              min={today}
              data-testid="closure-date"
            />
            <TextInput
              label="Name staff know it by"
              placeholder="Staff training day"
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.currentTarget.value)}
              w={280}
              data-testid="closure-name"
            />
            <TextInput
              label="Name in Spanish, for patients"
              description="Optional. Without it the Spanish page says “Clínica cerrada”"
              placeholder="Capacitación del personal"
              lang="es"
              value={spanish}
              maxLength={80}
              onChange={(e) => setSpanish(e.currentTarget.value)}
              w={280}
              data-testid="closure-name-es"
            />
            <Button
              type="submit"
              variant="default"
              leftSection={<Plus size={16} aria-hidden />}
              disabled={!date}
            >
              Add closed day
            </Button>
          </Group>
        </form>
      )}
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          No closed days ahead.
        </Text>
      ) : (
        <Table data-testid="closure-list" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={190}>Date</Table.Th>
              <Table.Th>Name</Table.Th>
              {PATIENT_LANGUAGES.map(([lang, language]) => (
                <Table.Th key={lang}>In {language}, for patients</Table.Th>
              ))}
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((c) => (
              <Table.Tr key={c.date} c={c.date < today ? 'dimmed' : undefined}>
                <Table.Td>{dayLabel(c.date, today)}</Table.Td>
                <Table.Td>
                  {readOnly ? (
                    (c.name ?? '—')
                  ) : (
                    <TextInput
                      size="xs"
                      aria-label={`Name of ${dayLabel(c.date, today)}`}
                      value={c.name ?? ''}
                      placeholder="No name"
                      maxLength={80}
                      onChange={(e) => onChange(withClosure(closures, c.date, e.currentTarget.value))}
                    />
                  )}
                </Table.Td>
                {PATIENT_LANGUAGES.map(([lang, language]) => (
                  <Table.Td key={lang} lang={lang}>
                    {readOnly ? (
                      (c.names?.[lang] ?? '—')
                    ) : (
                      <TextInput
                        size="xs"
                        aria-label={`${language} name of ${dayLabel(c.date, today)}`}
                        value={c.names?.[lang] ?? ''}
                        placeholder="Clínica cerrada"
                        maxLength={80}
                        onChange={(e) =>
                          onChange(
                            withClosure(closures, c.date, c.name ?? '', { [lang]: e.currentTarget.value }),
                          )
                        }
                      />
                    )}
                  </Table.Td>
                ))}
                <Table.Td>
                  {!readOnly && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Open on ${dayLabel(c.date, today)}`}
                      onClick={() => onChange(closures.filter((x) => x.date !== c.date))}
                    >
                      <Trash2 size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {past > 0 && (
        <Stack mt="xs">
          <Switch
            size="xs"
            label={`Show ${past} past closed ${past === 1 ? 'day' : 'days'}`}
            checked={showPast}
            onChange={(e) => setShowPast(e.currentTarget.checked)}
          />
        </Stack>
      )}
    </Paper>
  );
}
