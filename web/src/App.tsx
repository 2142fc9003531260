import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { SHELL_ROUTE_ID } from './auth/session.ts';
import { BootScreen } from './components/BootScreen.tsx';
import { RootErrorBoundary } from './components/RootErrorBoundary.tsx';
import { loginLoader } from './pages/login/loader.ts';
import { shellLoader } from './pages/shell/loader.ts';
import type { RouteHandle } from './routeHandle.ts';

/*
 * Every component route is `lazy` so antd is fetched per page rather than in the entry chunk.
 * Loaders are imported statically instead: they are tiny, and this way the session check runs
 * while the page's chunks download instead of after.
 */
const routes: RouteObject[] = [
  {
    id: 'root',
    HydrateFallback: BootScreen,
    ErrorBoundary: RootErrorBoundary,
    lazy: async () => ({ Component: (await import('./components/AppFrame.tsx')).AppFrame }),
    children: [
      {
        path: '/login',
        loader: loginLoader,
        handle: { titleKey: 'login.pageTitle' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await import('./pages/login/LoginPage.tsx')).LoginPage }),
      },
      {
        // Public: outside the shell, so no session check; anyone may read the published checkpoints.
        path: '/ledger',
        handle: { titleKey: 'ledger.pageTitle' } satisfies RouteHandle,
        lazy: async () => {
          const [{ LedgerPage }, { RouteError }] = await Promise.all([
            import('./pages/ledger/LedgerPage.tsx'),
            import('./components/RouteError.tsx'),
          ]);
          return { Component: LedgerPage, ErrorBoundary: RouteError };
        },
      },
      {
        // Public: the citizens' portal (事后公开: decisions, statistics). Outside the console shell,
        // no session check. Other portal pages go in as children here and into PORTAL_NAV.
        path: '/public',
        lazy: async () => {
          const [{ PortalShell }, { RouteError }] = await Promise.all([import('./pages/portal/PortalShell.tsx'), import('./components/RouteError.tsx')]);
          return { Component: PortalShell, ErrorBoundary: RouteError };
        },
        children: [
          {
            index: true,
            handle: { titleKey: 'portal.titles.home' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/HomePage.tsx')).HomePage }),
          },
          {
            path: 'decisions',
            handle: { titleKey: 'portal.titles.decisions' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/DecisionSearchPage.tsx')).DecisionSearchPage }),
          },
          {
            path: 'decisions/:id',
            handle: { titleKey: 'portal.titles.decision' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/DecisionPage.tsx')).DecisionPage }),
          },
          {
            path: 'statistics',
            handle: { titleKey: 'portal.titles.statistics' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/StatisticsPage.tsx')).StatisticsPage }),
          },
          {
            // 事中公示: the officer lookup, and the page a certificate card's QR code opens.
            path: 'officers',
            handle: { titleKey: 'officerCards.lookup.pageTitle' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/OfficerLookupPage.tsx')).OfficerLookupPage }),
          },
          {
            path: 'officers/verify',
            handle: { titleKey: 'officerCards.verify.pageTitle' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/OfficerVerifyPage.tsx')).OfficerVerifyPage }),
          },
          {
            // 事前公开: the agency's before-enforcement disclosures, and one item's version history.
            path: 'disclosures',
            handle: { titleKey: 'nav.disclosures' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/disclosures/DisclosuresPage.tsx')).DisclosuresPage }),
          },
          {
            path: 'disclosures/:agencyId/:itemId',
            handle: { titleKey: 'nav.disclosures' } satisfies RouteHandle,
            lazy: async () => ({ Component: (await import('./pages/portal/disclosures/DisclosureHistoryPage.tsx')).DisclosureHistoryPage }),
          },
        ],
      },
      {
        id: SHELL_ROUTE_ID,
        path: '/',
        loader: shellLoader,
        // Children never change the session, so moving between console pages need not re-ask /me.
        shouldRevalidate: ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
          currentUrl.pathname === nextUrl.pathname ? defaultShouldRevalidate : false,
        lazy: async () => {
          const [{ ConsoleShell }, { RouteError }] = await Promise.all([
            import('./pages/shell/ConsoleShell.tsx'),
            import('./components/RouteError.tsx'),
          ]);
          return { Component: ConsoleShell, ErrorBoundary: RouteError };
        },
        children: [
          {
            // Pathless boundary so a failing page is reported inside the console, keeping the
            // header and menu usable; the shell's own boundary only covers the session check.
            lazy: async () => ({ ErrorBoundary: (await import('./components/RouteError.tsx')).RouteError }),
            children: [
              {
                index: true,
                handle: { titleKey: 'nav.dashboard' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/dashboard/DashboardPage.tsx')).DashboardPage }),
              },
              {
                path: 'cases',
                handle: { titleKey: 'nav.cases' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/cases/CasesPage.tsx')).CasesPage }),
              },
              {
                path: 'cases/new',
                handle: { titleKey: 'nav.caseNew' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/cases/ClueRegisterPage.tsx')).ClueRegisterPage }),
              },
              {
                path: 'cases/on-the-spot',
                handle: { titleKey: 'nav.onTheSpot' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/cases/OnTheSpotPage.tsx')).OnTheSpotPage }),
              },
              {
                path: 'cases/overdue',
                handle: { titleKey: 'nav.overdue' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/cases/OverduePage.tsx')).OverduePage }),
              },
              {
                path: 'cases/:id',
                handle: { titleKey: 'nav.caseDetail' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/cases/CaseDetailPage.tsx')).CaseDetailPage }),
              },
              {
                path: 'admin/agencies',
                handle: { titleKey: 'nav.agencies' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/admin/AgenciesPage.tsx')).AgenciesPage }),
              },
              {
                path: 'admin/users',
                handle: { titleKey: 'nav.users' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/admin/UsersPage.tsx')).UsersPage }),
              },
              {
                path: 'admin/officers',
                handle: { titleKey: 'nav.officers' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/admin/OfficersPage.tsx')).OfficersPage }),
              },
              {
                path: 'benchmarks',
                handle: { titleKey: 'nav.benchmarks' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/benchmarks/BenchmarksPage.tsx')).BenchmarksPage }),
              },
              {
                path: 'review',
                handle: { titleKey: 'nav.reviews' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/review/ReviewInboxPage.tsx')).ReviewInboxPage }),
              },
              {
                path: 'review/stats',
                handle: { titleKey: 'nav.reviewStats' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/review/ReviewStatsPage.tsx')).ReviewStatsPage }),
              },
              {
                path: 'review/:id',
                handle: { titleKey: 'nav.reviewDetail' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/review/ReviewPage.tsx')).ReviewPage }),
              },
              {
                path: 'review/catalog',
                handle: { titleKey: 'nav.reviewCatalog' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/review/CatalogPage.tsx')).CatalogPage }),
              },
              {
                path: 'review/settings',
                handle: { titleKey: 'nav.reviewSettings' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/review/ReviewSettingsPage.tsx')).ReviewSettingsPage }),
              },
              {
                path: 'admin/calendar',
                handle: { titleKey: 'nav.calendar' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/admin/CalendarPage.tsx')).CalendarPage }),
              },
              {
                path: 'publicity',
                handle: { titleKey: 'nav.publications' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/publicity/PublicationsPage.tsx')).PublicationsPage }),
              },
              {
                // 事前公开 (editors and reviewers); a static segment, so it wins over publicity/:id.
                path: 'publicity/disclosures',
                handle: { titleKey: 'nav.disclosures' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/publicity/disclosures/DisclosuresConsolePage.tsx')).DisclosuresConsolePage }),
              },
              {
                path: 'publicity/:id',
                handle: { titleKey: 'nav.publicationDetail' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/publicity/PublicationPage.tsx')).PublicationPage }),
              },
              {
                path: 'admin/feed',
                handle: { titleKey: 'nav.feed' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/admin/FeedPage.tsx')).FeedPage }),
              },
              {
                // Inside the shell so an unknown console URL keeps the menu and still requires login.
                path: '*',
                handle: { titleKey: 'notFound.pageTitle' } satisfies RouteHandle,
                lazy: async () => ({ Component: (await import('./pages/errors/NotFoundPage.tsx')).NotFoundPage }),
              },
            ],
          },
        ],
      },
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}
