import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { can, type Feature } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PendingDeadlinesAlert } from '../cases/PendingDeadlinesAlert';
import { NextYearAlert } from '../calendar/NextYearAlert';

const shortcuts: Feature[] = ['cases', 'complaintIntake', 'inquiryIntake', 'applicationIntake', 'serviceItems', 'ratings', 'ratingCodes', 'servedCounts', 'units', 'staff', 'users', 'calendar', 'policy', 'audit', 'tokens', 'password'];

const paths: Partial<Record<Feature, string>> = { complaintIntake: '/complaints/new', inquiryIntake: '/inquiries/new', applicationIntake: '/applications/new', serviceItems: '/service-items', ratingCodes: '/rating-codes', servedCounts: '/served-counts' };

export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('home.welcome', { name: me.displayName || me.username })}
        </Typography.Title>
      </div>
      <NextYearAlert />
      {can(me.role, 'cases') && <PendingDeadlinesAlert />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'org', label: t('home.organisation'), children: me.organisation.name },
            { key: 'sector', label: t('home.sector'), children: t(`sectors.${me.organisation.sector}`, { defaultValue: me.organisation.sector }) },
            { key: 'user', label: t('home.username'), children: me.username },
            { key: 'role', label: t('home.role'), children: t(`roles.${me.role}`) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        {shortcuts
          .filter((f) => can(me.role, f))
          .map((f) => (
            <Col key={f} xs={24} sm={12} lg={8}>
              <Link to={paths[f] ?? `/${f}`}>
                <Card hoverable>
                  <Card.Meta title={t(`menu.${f}`)} description={t(`home.describe.${f}`)} />
                </Card>
              </Link>
            </Col>
          ))}
      </Row>
    </>
  );
}
