import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import {
  Badge,
  type CSSVariablesResolver,
  createTheme,
  MantineProvider,
  Modal,
  Notification,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 } },
});

const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white text on buttons above 4.5:1 contrast.
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
  components: {
    // Toasts: a named close button, and a message darker than Mantine's dimmed grey (3.3:1) for AA.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    }),
    // Every dialog's close button has a name, including one that forgets to give its own.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // Badges say "Active", "Published · version 1" as written: capitals ("ACTIVE") read as shouting.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});

// A filled button's hover goes one shade lighter by default (teal 8: 3.9:1 under white text); go darker.
// Field errors default to red 6 (3.3:1 on white, under AA for their small text): red 9 is 5.9:1.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-teal-filled-hover': '#066649',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Light orange notices and badges write in orange 9 on orange 1 (3.6:1): the app's amber is 7.9:1.
    '--mantine-color-orange-light-color': '#8a3a00',
  },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
