import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { isApiError } from './api';
import { can, type Feature } from './access';
import { AuthProvider, useAuth } from './auth';
import { ForbiddenPage, NotFoundPage } from './errors';
import { useI18n } from './i18n';
import { AppLayout } from './Layout';
import { LoginPage } from '../features/login/LoginPage';
import { HomePage } from '../features/home/HomePage';
import { OutboxSync } from '../features/inspections/OutboxSync';

const UnitsPage = lazy(() => import('../features/units/UnitsPage'));
const StaffPage = lazy(() => import('../features/staff/StaffPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const TokensPage = lazy(() => import('../features/tokens/TokensPage'));
const WebhooksPage = lazy(() => import('../features/webhooks/WebhooksPage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const PolicyPage = lazy(() => import('../features/policy/PolicyPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const PasswordPage = lazy(() => import('../features/account/PasswordPage'));
const CasesPage = lazy(() => import('../features/cases/CasesPage'));
const CasePage = lazy(() => import('../features/cases/CasePage'));
const RegisterComplaintPage = lazy(() => import('../features/cases/RegisterComplaintPage'));
const NewInquiryPage = lazy(() => import('../features/inquiries/NewInquiryPage'));
const NewApplicationPage = lazy(() => import('../features/applications/NewApplicationPage'));
const ServiceItemsPage = lazy(() => import('../features/serviceItems/ServiceItemsPage'));
const RatingsPage = lazy(() => import('../features/ratings/RatingsPage'));
const RatingListPage = lazy(() => import('../features/ratings/RatingListPage'));
const RatingCodesPage = lazy(() => import('../features/ratings/RatingCodesPage'));
const ServedCountsPage = lazy(() => import('../features/ratings/ServedCountsPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const DashboardRecordsPage = lazy(() => import('../features/dashboard/RecordsPage'));
const SurveysPage = lazy(() => import('../features/surveys/SurveysPage'));
const SurveyResultsPage = lazy(() => import('../features/surveys/SurveyResultsPage'));
const TemplateEditorPage = lazy(() => import('../features/surveys/TemplateEditorPage'));
const CommitmentsPage = lazy(() => import('../features/commitments/CommitmentsPage'));
const InspectionsPage = lazy(() => import('../features/inspections/InspectionsPage'));
const InspectionPage = lazy(() => import('../features/inspections/InspectionPage'));
const InspectPage = lazy(() => import('../features/inspections/InspectPage'));
const InspectionTemplatesPage = lazy(() => import('../features/inspections/TemplatesPage'));
const InspectionTemplatePage = lazy(() => import('../features/inspections/TemplatePage'));
const InspectionResultsPage = lazy(() => import('../features/inspections/ResultsPage'));
const IncidentsPage = lazy(() => import('../features/incidents/IncidentsPage'));
const MyIncidentsPage = lazy(() => import('../features/incidents/MyIncidentsPage'));
const InspectionCoveragePage = lazy(() => import('../features/inspections/CoveragePage'));
const RepairsPage = lazy(() => import('../features/repairs/RepairsPage'));
const MyRepairsPage = lazy(() => import('../features/repairs/MyRepairsPage'));
const RepairPage = lazy(() => import('../features/repairs/RepairPage'));
const FollowUpsPage = lazy(() => import('../features/followups/FollowUpsPage'));
const MyFollowUpsPage = lazy(() => import('../features/followups/MyFollowUpsPage'));
const PayrollPage = lazy(() => import('../features/ledger/PayrollPage'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage'));
const CampaignPage = lazy(() => import('../features/campaigns/CampaignPage'));
const CompetitionsPage = lazy(() => import('../features/competitions/CompetitionsPage'));
const CompetitionPage = lazy(() => import('../features/competitions/CompetitionPage'));
const AppraisalTemplatesPage = lazy(() => import('../features/appraisal-templates/AppraisalTemplatesPage'));
const AppraisalTemplatePage = lazy(() => import('../features/appraisal-templates/AppraisalTemplatePage'));
const StatementPage = lazy(() => import('../features/ledger/StatementPage'));
const SanctionsPage = lazy(() => import('../features/sanctions/SanctionsPage'));
const MySanctionsPage = lazy(() => import('../features/sanctions/MySanctionsPage'));
const AwardRoundsPage = lazy(() => import('../features/awards/RoundsPage'));
const AwardRoundPage = lazy(() => import('../features/awards/RoundPage'));
const NominatePage = lazy(() => import('../features/awards/NominatePage'));
const BallotPage = lazy(() => import('../features/awards/BallotPage'));
const MyHonoursPage = lazy(() => import('../features/awards/Honours'));
const AppraisalPeriodsPage = lazy(() => import('../features/appraisals/PeriodsPage'));
const AppraisalPeriodPage = lazy(() => import('../features/appraisals/PeriodPage'));
const AppraisalScoringPage = lazy(() => import('../features/appraisals/ScoringPage'));
const MySheetsPage = lazy(() => import('../features/appraisals/MySheetsPage'));
const AppraisalSheetPage = lazy(() => import('../features/appraisals/SheetPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404, 422…) will not change on retry.
      retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
      // The service worker may answer from its cache while the browser is offline (inspections).
      networkMode: 'offlineFirst',
    },
  },
});

function Loading() {
  return (
    <div className="yz-loading">
      <Spin />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** A screen the role may not use shows the 403 page without asking the server. */
function Guard({ feature, children }: { feature: Feature; children: ReactNode }) {
  const { user } = useAuth();
  if (!can(user?.role, feature)) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
            <OutboxSync />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="cases" element={<Guard feature="cases"><CasesPage /></Guard>} />
        <Route path="cases/:id" element={<Guard feature="cases"><CasePage /></Guard>} />
        <Route path="repairs" element={<Guard feature="repairs"><RepairsPage /></Guard>} />
        <Route path="repairs/mine" element={<Guard feature="myRepairs"><MyRepairsPage /></Guard>} />
        <Route path="repairs/:id" element={<Guard feature="myRepairs"><RepairPage /></Guard>} />
        <Route path="followups" element={<Guard feature="followups"><FollowUpsPage /></Guard>} />
        <Route path="followups/mine" element={<Guard feature="myFollowUps"><MyFollowUpsPage /></Guard>} />
        <Route path="complaints/new" element={<Guard feature="complaintIntake"><RegisterComplaintPage /></Guard>} />
        <Route path="inquiries/new" element={<Guard feature="inquiryIntake"><NewInquiryPage /></Guard>} />
        <Route path="applications/new" element={<Guard feature="applicationIntake"><NewApplicationPage /></Guard>} />
        <Route path="service-items" element={<Guard feature="serviceItems"><ServiceItemsPage /></Guard>} />
        <Route path="ratings" element={<Guard feature="ratings"><RatingsPage /></Guard>} />
        <Route path="ratings/list" element={<Guard feature="ratings"><RatingListPage /></Guard>} />
        <Route path="rating-codes" element={<Guard feature="ratingCodes"><RatingCodesPage /></Guard>} />
        <Route path="served-counts" element={<Guard feature="servedCounts"><ServedCountsPage /></Guard>} />
        <Route path="units" element={<Guard feature="units"><UnitsPage /></Guard>} />
        <Route path="staff" element={<Guard feature="staff"><StaffPage /></Guard>} />
        <Route path="users" element={<Guard feature="users"><UsersPage /></Guard>} />
        <Route path="tokens" element={<Guard feature="tokens"><TokensPage /></Guard>} />
        <Route path="webhooks" element={<Guard feature="webhooks"><WebhooksPage /></Guard>} />
        <Route path="calendar" element={<Guard feature="calendar"><CalendarPage /></Guard>} />
        <Route path="policy" element={<Guard feature="policy"><PolicyPage /></Guard>} />
        <Route path="audit" element={<Guard feature="audit"><AuditPage /></Guard>} />
        <Route path="password" element={<Guard feature="password"><PasswordPage /></Guard>} />
        <Route path="dashboard" element={<Guard feature="dashboard"><DashboardPage /></Guard>} />
        <Route path="dashboard/records" element={<Guard feature="dashboard"><DashboardRecordsPage /></Guard>} />
        <Route path="surveys" element={<Guard feature="surveys"><SurveysPage /></Guard>} />
        <Route path="surveys/templates/new" element={<Guard feature="surveys"><TemplateEditorPage /></Guard>} />
        <Route path="surveys/templates/:id" element={<Guard feature="surveys"><TemplateEditorPage /></Guard>} />
        <Route path="surveys/:id" element={<Guard feature="surveys"><SurveyResultsPage /></Guard>} />
        <Route path="commitments" element={<Guard feature="commitments"><CommitmentsPage /></Guard>} />
        <Route path="inspections" element={<Guard feature="inspections"><InspectionsPage /></Guard>} />
        <Route path="inspections/new" element={<Guard feature="inspect"><InspectPage /></Guard>} />
        <Route path="inspections/:id" element={<Guard feature="inspections"><InspectionPage /></Guard>} />
        <Route path="inspection-templates" element={<Guard feature="inspectionTemplates"><InspectionTemplatesPage /></Guard>} />
        <Route path="inspection-results" element={<Guard feature="inspectionResults"><InspectionResultsPage /></Guard>} />
        <Route path="inspection-templates/:code" element={<Guard feature="inspectionTemplates"><InspectionTemplatePage /></Guard>} />
        <Route path="incidents" element={<Guard feature="incidents"><IncidentsPage /></Guard>} />
        <Route path="my-incidents" element={<Guard feature="myIncidents"><MyIncidentsPage /></Guard>} />
        <Route path="inspection-coverage" element={<Guard feature="inspectionCoverage"><InspectionCoveragePage /></Guard>} />
        <Route path="payroll" element={<Guard feature="payroll"><PayrollPage /></Guard>} />
        <Route path="campaigns" element={<Guard feature="campaigns"><CampaignsPage /></Guard>} />
        <Route path="campaigns/:id" element={<Guard feature="campaigns"><CampaignPage /></Guard>} />
        <Route path="competitions" element={<Guard feature="competitions"><CompetitionsPage /></Guard>} />
        <Route path="competitions/:id" element={<Guard feature="competitions"><CompetitionPage /></Guard>} />
        <Route path="appraisal-templates" element={<Guard feature="appraisalTemplates"><AppraisalTemplatesPage /></Guard>} />
        <Route path="appraisal-templates/:code" element={<Guard feature="appraisalTemplates"><AppraisalTemplatePage /></Guard>} />
        <Route path="ledger/statement" element={<Guard feature="statement"><StatementPage /></Guard>} />
        <Route path="sanctions" element={<Guard feature="sanctions"><SanctionsPage /></Guard>} />
        <Route path="sanctions/mine" element={<Guard feature="mySanctions"><MySanctionsPage /></Guard>} />
        <Route path="sanctions/:id" element={<Guard feature="sanctions"><SanctionsPage /></Guard>} />
        <Route path="awards" element={<Guard feature="awards"><AwardRoundsPage /></Guard>} />
        <Route path="awards/rounds/:id" element={<Guard feature="awards"><AwardRoundPage /></Guard>} />
        <Route path="awards/nominate" element={<Guard feature="awardNominate"><NominatePage /></Guard>} />
        <Route path="awards/vote" element={<Guard feature="awardVote"><BallotPage /></Guard>} />
        <Route path="awards/vote/:id" element={<Guard feature="awardVote"><BallotPage /></Guard>} />
        <Route path="honours" element={<Guard feature="honours"><MyHonoursPage /></Guard>} />
        <Route path="appraisals" element={<Guard feature="appraisals"><AppraisalPeriodsPage /></Guard>} />
        <Route path="appraisals/periods/:id" element={<Guard feature="appraisals"><AppraisalPeriodPage /></Guard>} />
        <Route path="appraisals/scoring" element={<Guard feature="appraisalScoring"><AppraisalScoringPage /></Guard>} />
        <Route path="appraisals/mine" element={<Guard feature="mySheets"><MySheetsPage /></Guard>} />
        <Route path="appraisals/sheets/:id" element={<Guard feature="mySheets"><AppraisalSheetPage /></Guard>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Users who ask their system for less motion get antd without animations. */
const reducedMotion = typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function Localised({ children }: { children: ReactNode }) {
  const { lng } = useI18n();
  return (
    <ConfigProvider locale={lng === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6, motion: !reducedMotion } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Localised>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </Localised>
    </QueryClientProvider>
  );
}
