import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The catalogs and the language are set up before the first render.
import './i18n/index.ts';
import { App } from './App.tsx';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
