import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';

import { useMe } from './api/session';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { LoadError } from './components/LoadError';
import { NotAllowed, NotFound } from './components/StatusPages';
import { HomePage } from './pages/home/HomePage';
import { SignInPage } from './pages/sign-in/SignInPage';

// Admin pages (and the charts they pull in) load only when an admin opens them.
const DashboardPage = lazy(() => import('./pages/admin/dashboard/DashboardPage'));
const DirectoryPage = lazy(() => import('./pages/admin/directory/DirectoryPage'));
const ImportPage = lazy(() => import('./pages/admin/import/ImportPage'));
const MailboxesPage = lazy(() => import('./pages/admin/mailboxes/MailboxesPage'));
const MailboxPage = lazy(() => import('./pages/admin/mailboxes/MailboxPage'));
const UsersPage = lazy(() => import('./pages/admin/users/UsersPage'));
const LogsPage = lazy(() => import('./pages/admin/logs/LogsPage'));

/** Routes: the sign-in page for everyone, the agent's home, and the admin console (role admin). */
export function App() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Loading the console" />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="*"
          element={<Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />}
        />
      </Routes>
    );
  }
  const admin = me.data.role === 'admin';
  return (
    <Layout me={me.data}>
      <PageErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading label="Loading the page" />}>
          <Routes>
            <Route path="/" element={<HomePage me={me.data} />} />
            <Route path="/sign-in" element={<Navigate to={admin ? '/admin' : '/'} replace />} />
            <Route path="/admin/*" element={admin ? <AdminRoutes /> : <NotAllowed />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </Layout>
  );
}

function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="directory" element={<DirectoryPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="mailboxes" element={<MailboxesPage />} />
      <Route path="mailboxes/:id" element={<MailboxPage />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="logs" element={<LogsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
