import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { navGroups, usedBy } from '../../app/navigation';
import { roleLabel } from '../../app/roles';
import { PageTitle } from '../../components/PageTitle';
import { PendingDeadlinesAlert } from '../cases/PendingDeadlinesAlert';
import { NextYearAlert } from '../calendar/NextYearAlert';
import { DeskPanel } from './Desk';
import { MyAssignments } from './MyAssignments';

export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  // The menu's groups as cards, each with what the screen is for (the home entry itself left out).
  const groups = navGroups
    .filter((g) => g.group !== null)
    .map((g) => ({ ...g, entries: g.entries.filter((e) => can(me.role, e.feature) && usedBy(e, me.organisation.sector)) }))
    .filter((g) => g.entries.length);
  return (
    <>
      <PageTitle title={t('home.welcome', { name: me.displayName || me.username })} />
      <NextYearAlert />
      {can(me.role, 'cases') && <PendingDeadlinesAlert />}
      {/* The work first (工作台), then who and where, then the menu. */}
      {(me.role === 'inspector' || me.role === 'supervisor') && <MyAssignments />}
      {can(me.role, 'cases') && <DeskPanel />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'org', label: t('home.organisation'), children: me.organisation.name },
            { key: 'sector', label: t('home.sector'), children: t(`sectors.${me.organisation.sector}`, { defaultValue: me.organisation.sector }) },
            { key: 'user', label: t('home.username'), children: me.username },
            { key: 'role', label: t('home.role'), children: roleLabel(t, me.role) },
          ]}
        />
      </Card>
      {groups.map((g) => (
        <section key={g.group} aria-labelledby={`home-${g.group}`} style={{ marginBottom: 16 }} data-testid={`home-${g.group}`}>
          <Typography.Title level={2} id={`home-${g.group}`} style={{ fontSize: 16 }}>
            {t(`menu.groups.${g.group}`)}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {g.entries.map((e) => (
              <Col key={e.feature} xs={24} sm={12} lg={8}>
                <Link to={e.path}>
                  <Card hoverable>
                    <Card.Meta avatar={e.icon} title={t(`menu.${e.feature}`)} description={t(`home.describe.${e.feature}`)} />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </>
  );
}
