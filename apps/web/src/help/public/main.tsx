import '../help.css';
import './public.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { keepForOffline, registerHelpWorker } from '../offline/registerHelpWorker.ts';
import { readAddress } from './address.ts';
import { PublicHelpPage } from './PublicHelpPage.tsx';

/** `/help/<clinic>[/<lang>[/<entry>]]`: its own small bundle, without the staff app, for phones. */
const address = readAddress(window.location.pathname);

// Patients open help from phones with poor signal: the page, once opened, opens again offline.
registerHelpWorker('/help/');
keepForOffline([window.location.pathname]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicHelpPage clinic={address.clinic} initialLang={address.lang} initialEntry={address.entry} />
  </StrictMode>,
);
