import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AccountBookOutlined,
  AuditOutlined,
  AlertOutlined,
  ContainerOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FieldNumberOutlined,
  FlagOutlined,
  ExceptionOutlined,
  IdcardOutlined,
  FileSearchOutlined,
  LineChartOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FormOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  SendOutlined,
  LockOutlined,
  MobileOutlined,
  PhoneOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ScheduleOutlined,
  SnippetsOutlined,
  ToolOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  WalletOutlined,
  TrophyOutlined,
  FundOutlined,
  StarOutlined,
  LikeOutlined,
  CrownOutlined,
  CarryOutOutlined,
  TableOutlined,
  ReconciliationOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { Feature } from './access';

export interface NavEntry {
  feature: Feature;
  path: string;
  icon: ReactNode;
  /** Only organisations of these sectors use the screen (repair work orders: utilities). */
  sectors?: readonly string[];
}

/** Whether an organisation of `sector` uses the entry's screen. */
export const usedBy = (e: NavEntry, sector: string) => !e.sectors || e.sectors.includes(sector);

/** The screens in groups a quality office recognises — the day's work, quality, administration: the menu and the home page both show them. */
export const navGroups: { group: 'work' | 'quality' | 'admin' | null; entries: NavEntry[] }[] = [
  { group: null, entries: [{ feature: 'home', path: '/', icon: <HomeOutlined /> }] },
  {
    group: 'work',
    entries: [
      { feature: 'cases', path: '/cases', icon: <InboxOutlined /> },
      { feature: 'complaintIntake', path: '/complaints/new', icon: <FileAddOutlined /> },
      { feature: 'inquiryIntake', path: '/inquiries/new', icon: <QuestionCircleOutlined /> },
      { feature: 'applicationIntake', path: '/applications/new', icon: <FileDoneOutlined /> },
      { feature: 'inspect', path: '/inspections/new', icon: <CheckSquareOutlined /> },
      { feature: 'repairs', path: '/repairs', icon: <ToolOutlined />, sectors: ['utility'] },
      { feature: 'myRepairs', path: '/repairs/mine', icon: <MobileOutlined />, sectors: ['utility'] },
      { feature: 'followups', path: '/followups', icon: <PhoneOutlined />, sectors: ['hospital', 'utility'] },
      { feature: 'myFollowUps', path: '/followups/mine', icon: <CustomerServiceOutlined />, sectors: ['hospital', 'utility'] },
    ],
  },
  {
    group: 'quality',
    entries: [
      { feature: 'dashboard', path: '/dashboard', icon: <DashboardOutlined /> },
      { feature: 'ratings', path: '/ratings', icon: <BarChartOutlined /> },
      { feature: 'ratingCodes', path: '/rating-codes', icon: <QrcodeOutlined /> },
      { feature: 'servedCounts', path: '/served-counts', icon: <FieldNumberOutlined /> },
      { feature: 'surveys', path: '/surveys', icon: <FormOutlined /> },
      { feature: 'commitments', path: '/commitments', icon: <SafetyCertificateOutlined /> },
      { feature: 'inspections', path: '/inspections', icon: <FileSearchOutlined /> },
      { feature: 'inspectionResults', path: '/inspection-results', icon: <LineChartOutlined /> },
      { feature: 'inspectionTemplates', path: '/inspection-templates', icon: <SnippetsOutlined /> },
      { feature: 'incidents', path: '/incidents', icon: <ExceptionOutlined /> },
      { feature: 'myIncidents', path: '/my-incidents', icon: <IdcardOutlined /> },
      { feature: 'inspectionCoverage', path: '/inspection-coverage', icon: <ScheduleOutlined /> },
      { feature: 'campaigns', path: '/campaigns', icon: <FlagOutlined /> },
      { feature: 'serviceItems', path: '/service-items', icon: <ProfileOutlined /> },
      { feature: 'payroll', path: '/payroll', icon: <AccountBookOutlined /> },
      { feature: 'sanctions', path: '/sanctions', icon: <AlertOutlined /> },
      { feature: 'mySanctions', path: '/sanctions/mine', icon: <ContainerOutlined /> },
      { feature: 'statement', path: '/ledger/statement', icon: <WalletOutlined /> },
      { feature: 'competitions', path: '/competitions', icon: <FundOutlined />, sectors: ['bank'] },
      { feature: 'appraisalTemplates', path: '/appraisal-templates', icon: <StarOutlined /> },
      { feature: 'awards', path: '/awards', icon: <TrophyOutlined /> },
      { feature: 'awardNominate', path: '/awards/nominate', icon: <LikeOutlined /> },
      { feature: 'awardVote', path: '/awards/vote', icon: <CarryOutOutlined /> },
      { feature: 'honours', path: '/honours', icon: <CrownOutlined /> },
      { feature: 'appraisals', path: '/appraisals', icon: <SolutionOutlined /> },
      { feature: 'appraisalScoring', path: '/appraisals/scoring', icon: <TableOutlined /> },
      { feature: 'mySheets', path: '/appraisals/mine', icon: <ReconciliationOutlined /> },
    ],
  },
  {
    group: 'admin',
    entries: [
      { feature: 'units', path: '/units', icon: <ApartmentOutlined /> },
      { feature: 'staff', path: '/staff', icon: <TeamOutlined /> },
      { feature: 'users', path: '/users', icon: <UsergroupAddOutlined /> },
      { feature: 'calendar', path: '/calendar', icon: <CalendarOutlined /> },
      { feature: 'policy', path: '/policy', icon: <SettingOutlined /> },
      { feature: 'audit', path: '/audit', icon: <AuditOutlined /> },
      { feature: 'tokens', path: '/tokens', icon: <KeyOutlined /> },
      { feature: 'webhooks', path: '/webhooks', icon: <SendOutlined /> },
      { feature: 'password', path: '/password', icon: <LockOutlined /> },
    ],
  },
];
