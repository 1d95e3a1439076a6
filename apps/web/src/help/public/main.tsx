import '../help.css';
import './public.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicHelpPage } from './PublicHelpPage.tsx';

/** `/help/<clinic>`: its own small bundle, without the staff app, for phones on slow connections. */
const clinic = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicHelpPage clinic={clinic} />
  </StrictMode>,
);
