import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { AppLayout } from './layout/AppLayout';
import { PageLoading } from './layout/states';

/** Each page is its own chunk, loaded when its route is first opened. */
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const InboxPage = lazy(() => import('./pages/tasks/InboxPage'));
const TaskPage = lazy(() => import('./pages/tasks/TaskPage'));
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage'));
const ResourcePage = lazy(() => import('./pages/catalog/ResourcePage'));
const ApplyPage = lazy(() => import('./pages/catalog/ApplyPage'));
const RequestListPage = lazy(() => import('./pages/requests/RequestListPage'));
const RequestPage = lazy(() => import('./pages/requests/RequestPage'));
const MyResourcesPage = lazy(() => import('./pages/resources/MyResourcesPage'));
const ResourceFormPage = lazy(() => import('./pages/resources/ResourceFormPage'));
const DemandsPage = lazy(() => import('./pages/demands/DemandsPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const page = (element: ReactNode) => <Suspense fallback={<PageLoading />}>{element}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(<HomePage />) },
      { path: 'tasks', element: page(<InboxPage />) },
      { path: 'tasks/:id', element: page(<TaskPage />) },
      { path: 'catalog', element: page(<CatalogPage />) },
      { path: 'catalog/resources/:id', element: page(<ResourcePage />) },
      { path: 'catalog/resources/:id/apply', element: page(<ApplyPage />) },
      { path: 'sharing-requests', element: page(<RequestListPage side="requester" />) },
      { path: 'sharing-requests/received', element: page(<RequestListPage side="provider" />) },
      { path: 'sharing-requests/:id', element: page(<RequestPage />) },
      { path: 'my-resources', element: page(<MyResourcesPage />) },
      { path: 'my-resources/new', element: page(<ResourceFormPage />) },
      { path: 'catalog/resources/:id/edit', element: page(<ResourceFormPage />) },
      { path: 'demands', element: page(<DemandsPage />) },
      { path: 'notifications', element: page(<NotificationsPage />) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
