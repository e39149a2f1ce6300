import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from './api/query-client';
import { createAppRouter } from './app.router';
import { SessionCacheGuard } from './auth/session.context';
import { initI18n } from './i18n/i18n';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const i18n = await initI18n();
const queryClient = createQueryClient();
const router = createAppRouter();

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <SessionCacheGuard>
          <RouterProvider router={router} />
        </SessionCacheGuard>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
