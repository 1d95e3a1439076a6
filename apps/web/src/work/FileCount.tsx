import { Text } from '@mantine/core';
import { Paperclip } from 'lucide-react';

/** A paperclip and how many files the request holds (a statement, a signed form); nothing for none. */
export function FileCount({ files, testId }: { files: number | undefined; testId: string }) {
  if (!files) return null;
  return (
    <Text
      span
      size="xs"
      c="gray.8"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 2, flexShrink: 0 }}
      data-testid={testId}
    >
      <Paperclip size={12} aria-hidden />
      {files}
      <span className="visually-hidden"> {files === 1 ? 'file' : 'files'} attached</span>
    </Text>
  );
}
