import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { AttachmentView } from '@portalflow/contract';
import { Download, Eye, EyeOff, FileImage, FileText, FileX, Trash2 } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { formatWhen } from '../../shell/time.ts';
import { useRoleName } from '../useRoleName.ts';
import { fileSummary } from './attachmentText.ts';
import { downloadHref, viewable, viewHref } from './downloadLink.ts';

interface Props {
  attachments: readonly AttachmentView[];
  now: number;
  /** A person as this screen names them (My work: the name or "A colleague"; audit: name and id). */
  person: (userId: string) => ReactNode;
  /** Whether the signed-in person may take this file off; leave out for a read-only list. */
  canRemove?: (attachment: AttachmentView) => boolean;
  onRemove?: (attachment: AttachmentView) => void;
  /** Called as a download starts: a file removed meanwhile then shows as removed. */
  onDownload?: () => void;
  /** Marks files attached after this time (the audit replay's event) as not there yet then. */
  asOf?: string;
}

/**
 * The request's files, oldest first: name, kind and size, who attached it on which step and when, and
 * a download; a photo can also be shown in the page, so it need not be saved on a shared computer. A removed file stays listed, greyed, with who removed it, when and why; it has no download.
 */
export function AttachmentList({ attachments, now, person, canRemove, onRemove, onDownload, asOf }: Props) {
  // The photos shown in the page, by attachment id: none until someone asks to see one.
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const roleName = useRoleName();
  const toggle = (id: string) =>
    setShown((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Attached files">
      {attachments.map((a) => {
        const removed = a.removed;
        const Icon = removed ? FileX : a.type === 'application/pdf' ? FileText : FileImage;
        const later = asOf !== undefined && a.at > asOf;
        return (
          <Paper
            key={a.id}
            component="li"
            withBorder
            p="xs"
            radius="sm"
            bg={removed ? 'gray.0' : undefined}
            data-testid="attachment-row"
            data-attachment-id={a.id}
            data-removed={removed ? 'true' : 'false'}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Group gap={8} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                <Icon
                  size={18}
                  aria-hidden
                  style={{ flexShrink: 0, marginTop: 2 }}
                  color={removed ? 'var(--mantine-color-gray-6)' : 'var(--mantine-color-blue-8)'}
                />
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6} wrap="nowrap" align="baseline">
                    <Text
                      size="sm"
                      fw={600}
                      c={removed ? 'gray.7' : undefined}
                      td={removed ? 'line-through' : undefined}
                      style={{ overflowWrap: 'anywhere', minWidth: 0 }}
                      data-testid="attachment-name"
                    >
                      {a.name}
                    </Text>
                    {removed && (
                      <Badge
                        size="xs"
                        tt="none"
                        variant="light"
                        color="gray"
                        c="gray.8"
                        style={{ flexShrink: 0 }}
                      >
                        Removed
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="gray.7" component="div">
                    {fileSummary(a)} · attached by {person(a.authorId)}
                    {a.authorRole ? ` (${roleName(a.authorRole)})` : ''}
                    {a.stepTitle ? ` on “${a.stepTitle}”` : ''} · {formatWhen(a.at, now)}
                  </Text>
                  {removed && (
                    <Text size="xs" c="gray.8" component="div" data-testid="attachment-removed">
                      Removed by {person(removed.by)}, {formatWhen(removed.at, now)}:{' '}
                      <Text span size="xs" fs="italic" style={{ overflowWrap: 'anywhere' }}>
                        “{removed.reason}”
                      </Text>
                      . The file itself was deleted.
                    </Text>
                  )}
                  {later && (
                    <Badge size="xs" tt="none" variant="outline" color="gray.7">
                      Attached after the event shown
                    </Badge>
                  )}
                </Stack>
              </Group>
              {!removed && (
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  {viewable(a.type) && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={
                        shown.has(a.id) ? <EyeOff size={14} aria-hidden /> : <Eye size={14} aria-hidden />
                      }
                      aria-label={`${shown.has(a.id) ? 'Hide' : 'Show'} ${a.name}`}
                      aria-expanded={shown.has(a.id)}
                      onClick={() => toggle(a.id)}
                      data-testid="attachment-show"
                    >
                      {shown.has(a.id) ? 'Hide' : 'Show'}
                    </Button>
                  )}
                  <Button
                    component="a"
                    href={downloadHref(a)}
                    download={a.name}
                    size="compact-sm"
                    variant="default"
                    leftSection={<Download size={14} aria-hidden />}
                    aria-label={`Download ${a.name}`}
                    onClick={onDownload}
                    data-testid="attachment-download"
                  >
                    Download
                  </Button>
                  {canRemove?.(a) && onRemove && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      c="red.9"
                      leftSection={<Trash2 size={14} aria-hidden />}
                      aria-label={`Remove ${a.name}`}
                      onClick={() => onRemove(a)}
                      data-testid="attachment-remove"
                    >
                      Remove
                    </Button>
                  )}
                </Group>
              )}
            </Group>
            {!removed && shown.has(a.id) && (
              // Loaded only when asked for: each view is a read of patient information, logged.
              <img
                src={viewHref(a)}
                alt={`Attached: ${a.name}`}
                data-testid="attachment-photo"
                style={{
                  display: 'block',
                  maxWidth: '100%',
                  maxHeight: 420,
                  marginTop: 8,
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 4,
                }}
              />
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
