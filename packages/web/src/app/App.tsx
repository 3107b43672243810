import { Badge, Center, createTheme, Loader, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { ApiError } from "./api";
import { CrashPage, NotFoundPage } from "./PageError";
import { RequireLogin } from "./RequireLogin";

// Route-level code splitting: each feature loads when it is first visited; the shell (menu,
// header) only once someone is logged in, so the login page loads the least it can.
const Shell = lazy(() => import("./Shell").then((m) => ({ default: m.Shell })));
const InvitationPage = lazy(() => import("../auth/InvitationPage"));
const HomePage = lazy(() => import("../home/HomePage"));
const OrganizationsPage = lazy(() => import("../organizations/OrganizationsPage"));
const AssessmentsPage = lazy(() => import("../workspace/AssessmentsPage"));
const AssessmentPage = lazy(() => import("../workspace/AssessmentPage"));
const IndicatorPage = lazy(() => import("../workspace/IndicatorPage"));
const AccountPage = lazy(() => import("../account/AccountPage"));
const DashboardPage = lazy(() => import("../dashboards/DashboardPage"));
const UsersPage = lazy(() => import("../admin/UsersPage"));
const CyclesPage = lazy(() => import("../admin/CyclesPage"));
const FrameworksPage = lazy(() => import("../admin/FrameworksPage"));
const PublicResultsPage = lazy(() => import("../results/PublicResultsPage"));
const ResultsImportPage = lazy(() => import("../results/ResultsImportPage"));
const HistoryPage = lazy(() => import("../results/HistoryPage"));
const ProvincePage = lazy(() => import("../province/ProvincePage"));
const CalibrationPage = lazy(() => import("../calibration/CalibrationPage"));
const ClarificationPage = lazy(() => import("../portal/ClarificationPage"));
const ChecklistPage = lazy(() => import("../checklist/ChecklistPage"));
const InboxPage = lazy(() => import("../inbox/InboxPage"));
const EvidenceSearchPage = lazy(() => import("../evidence/EvidenceSearch"));

const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  components: {
    // A badge shows its whole text ("MENUNGGU REVIU", "-1,50"): squeezed, it wraps between words
    // rather than being cut to "MENUNGGU R…", and never below its longest word.
    Badge: Badge.extend({
      styles: {
        root: { height: "auto", minHeight: "var(--badge-height)", minWidth: "min-content", maxWidth: "100%" },
        label: { overflow: "visible", whiteSpace: "normal", textOverflow: "clip", lineHeight: 1.35 },
      },
    }),
  },
});
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Asking again helps with a dropped connection or a busy server, never with a refusal
      // (403, 404, 409…): the page says so at once instead of after a second try.
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const page = (element: React.ReactNode) => (
  <Suspense
    fallback={
      <Center h={200}>
        <Loader aria-label="…" />
      </Center>
    }
  >
    {element}
  </Suspense>
);

const router = createBrowserRouter([
  // An invitation link works without a login: it is how the password is chosen.
  { path: "/undangan/:token", element: page(<InvitationPage />), errorElement: <CrashPage /> },
  // Published results are public: no login.
  { path: "/hasil", element: page(<PublicResultsPage />), errorElement: <CrashPage /> },
  {
    element: <RequireLogin>{page(<Shell />)}</RequireLogin>,
    errorElement: <CrashPage />,
    children: [
      {
        // Inside the shell: a page that fails keeps the navigation around its message.
        errorElement: <CrashPage />,
        children: [
          { index: true, element: page(<HomePage />) },
          { path: "organisasi", element: page(<OrganizationsPage />) },
          { path: "penilaian", element: page(<AssessmentsPage />) },
          { path: "penilaian/:id", element: page(<AssessmentPage />) },
          { path: "penilaian/:id/indikator/:code", element: page(<IndicatorPage />) },
          { path: "akun", element: page(<AccountPage />) },
          { path: "kotak-masuk", element: page(<InboxPage />) },
          { path: "bukti", element: page(<EvidenceSearchPage />) },
          { path: "kata-sandi", element: <Navigate to="/akun" replace /> },
          { path: "penilaian/:id/dasbor", element: page(<DashboardPage />) },
          { path: "penilaian/:id/klarifikasi", element: page(<ClarificationPage />) },
          { path: "penilaian/:id/perbaikan", element: page(<ChecklistPage />) },
          { path: "admin/pengguna", element: page(<UsersPage />) },
          { path: "admin/periode", element: page(<CyclesPage />) },
          { path: "admin/kerangka", element: page(<FrameworksPage />) },
          { path: "admin/hasil", element: page(<ResultsImportPage />) },
          { path: "organisasi/:id/riwayat", element: page(<HistoryPage />) },
          { path: "provinsi/:id", element: page(<ProvincePage />) },
          { path: "periode/:id/kalibrasi", element: page(<CalibrationPage />) },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
