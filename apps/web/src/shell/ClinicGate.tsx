import { Alert, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useClinicConfig } from './clinic.ts';

/**
 * Shows the signed-in pages once the clinic configuration (its time zone above all) has loaded. The
 * whole shell waits (`Shell`), header included: a time written before the zone arrived (the
 * break-glass banner's "until") was the computer's and was never written again.
 */
export function ClinicGate({ children }: { children: ReactNode }) {
  const config = useClinicConfig();
  if (config.isPending) return <ClinicLoading />;
  if (config.isError)
    return (
      <Alert color="red" m="md" title="The clinic configuration could not be loaded">
        {config.error.message}
      </Alert>
    );
  return children;
}

/** While the clinic configuration loads. */
export function ClinicLoading() {
  return (
    <Center p="xl">
      <Loader role="status" aria-label="Loading" />
    </Center>
  );
}
