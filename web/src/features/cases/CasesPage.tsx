import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Checkbox, Empty, Form, Grid, Input, List, Modal, Pagination, Popconfirm, Select, Space, Table, Tag, Typography, type SelectProps, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { PageTitle } from '../../components/PageTitle';
import { UnitFilter } from '../../components/UnitSelect';
import { ClockBadge, PriorityTag, StatusTag } from './Badges';
import { useCaseLabels } from './labels';
import { PendingDeadlinesAlert } from './PendingDeadlinesAlert';
import { knownCaseTypes, knownStatuses, latenessValues, leadingClock, type CaseSummary } from './model';
import { cleanFilters, filterKeys, sameFilters, useSavedViews, type CaseFilters } from './savedViews';

/** 案件/工单: every case type the caller may see, newest first, with deadline badges and saved views. */
export default function CasesPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const labels = useCaseLabels();
  const [params, setParams] = useSearchParams();
  const filters: CaseFilters = useMemo(() => cleanFilters(Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined]))), [params]);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  // Server-side sort (default: newest received first).
  const [sorting, setSorting] = useState<{ sort?: 'receivedAt' | 'dueDate'; order?: 'asc' | 'desc' }>({});
  const sortOrderOf = (sort: 'receivedAt' | 'dueDate') => (sorting.sort === sort ? (sorting.order === 'desc' ? 'descend' : 'ascend') : null);
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [naming, setNaming] = useState(false);
  const [viewForm] = Form.useForm<{ name: string }>();
  const saved = useSavedViews(me.id);
  const activeView = saved.views.find((v) => sameFilters(v.filters, filters));

  const setFilters = (next: CaseFilters) => {
    const clean = cleanFilters(next);
    setParams(new URLSearchParams(clean as Record<string, string>), { replace: true });
    setPaging((p) => ({ ...p, page: 1 }));
    setSearchText(clean.q ?? '');
  };
  const setFilter = (key: keyof CaseFilters, value: string | undefined) => {
    const next = { ...filters, [key]: value };
    if (key === 'type' && value && filters.status && !(knownStatuses[value] ?? []).includes(filters.status)) next.status = undefined;
    setFilters(next);
  };

  const list = useQuery({
    queryKey: ['cases', 'list', filters, sorting, paging.page, paging.pageSize],
    queryFn: () => api.get<Page<CaseSummary>>(paths.cases.list, { ...filters, ...sorting, page: paging.page, pageSize: paging.pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  const statusOptions = useMemo(() => {
    const types = filters.type ? [filters.type] : [...knownCaseTypes];
    const seen = new Map<string, string[]>();
    for (const type of types) for (const s of knownStatuses[type] ?? []) seen.set(s, [...(seen.get(s) ?? []), labels.statusLabel(type, s)]);
    return [...seen.entries()].map(([value, names]) => ({ value, label: [...new Set(names)].join(' / ') }));
  }, [filters.type, labels]);

  /** A filter of the toolbar: half a row on a phone. */
  const half = (width: number) => ({ width: narrow ? 'calc(50% - 4px)' : width });
  const filterSelect = (key: 'type' | 'status' | 'overdue', label: string, width: number, options: { value: string; label: string }[], more: SelectProps & { 'data-testid'?: string }) => (
    <Select allowClear placeholder={label} aria-label={label} value={filters[key]} onChange={(v: string | undefined) => setFilter(key, v)} style={half(width)} options={options} {...more} />
  );

  const dueOf = (c: CaseSummary) => leadingClock(c.clocks);
  // Fixed widths (摘要 takes the rest, 渠道 from 1,600 px): at 1,280–1,920 px every column shows whole,
  // 摘要, 单位 and 类别 end in an ellipsis with the full text on hover; a narrower window scrolls sideways.
  const ellipsisText = (text: string) => (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: '100%' }}>
      {text}
    </Typography.Text>
  );
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.trackingNo'),
      key: 'trackingNo',
      width: 150,
      fixed: 'left',
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} data-testid="case-link">
          {c.trackingNo}
        </Link>
      ),
    },
    { title: t('cases.type'), key: 'type', width: 72, render: (_, c) => labels.typeLabel(c.type) },
    {
      title: t('cases.titleColumn'),
      key: 'title',
      ellipsis: { showTitle: false },
      render: (_, c) => (
        <div style={{ display: 'flex', gap: 4, alignItems: 'center', minWidth: 0 }}>
          <PriorityTag priority={c.priority} />
          {ellipsisText(c.title)}
        </div>
      ),
    },
    { title: t('cases.status'), key: 'status', width: 88, render: (_, c) => <StatusTag label={pick(c.statusLabel)} closed={c.closed} /> },
    { title: t('cases.unit'), key: 'unit', width: 130, ellipsis: { showTitle: false }, render: (_, c) => ellipsisText(labels.unitName(c.unitId)), responsive: ['lg'] },
    { title: t('cases.category'), key: 'category', width: 100, ellipsis: { showTitle: false }, render: (_, c) => ellipsisText(labels.categoryLabel(c.category)), responsive: ['xl'] },
    { title: t('cases.channel'), key: 'channel', width: 84, render: (_, c) => labels.channelLabel(c.channel), responsive: ['xxl'] },
    { title: t('cases.receivedAt'), key: 'receivedAt', width: 140, sorter: true, sortOrder: sortOrderOf('receivedAt'), render: (_, c) => dayjs(c.receivedAt).format('YYYY-MM-DD HH:mm'), responsive: ['md'] },
    {
      title: t('cases.deadline'),
      key: 'dueDate',
      width: 190,
      sorter: true,
      sortOrder: sortOrderOf('dueDate'),
      render: (_, c) => (
        <Space size={4} wrap>
          {c.clocks.map((clock) => (
            <ClockBadge key={clock.clockId} clock={clock} compact />
          ))}
        </Space>
      ),
    },
  ];

  const exportColumns = [
    { header: t('cases.trackingNo'), value: (c: CaseSummary) => c.trackingNo, width: 18 },
    { header: t('cases.type'), value: (c: CaseSummary) => labels.typeLabel(c.type) },
    { header: t('cases.titleColumn'), value: (c: CaseSummary) => c.title, width: 36 },
    { header: t('cases.status'), value: (c: CaseSummary) => pick(c.statusLabel) },
    { header: t('cases.priority'), value: (c: CaseSummary) => labels.priorityLabel(c.priority) },
    { header: t('cases.channel'), value: (c: CaseSummary) => labels.channelLabel(c.channel) },
    { header: t('cases.category'), value: (c: CaseSummary) => labels.categoryLabel(c.category), width: 14 },
    { header: t('cases.unit'), value: (c: CaseSummary) => labels.unitName(c.unitId), width: 24 },
    { header: t('cases.receivedAt'), value: (c: CaseSummary) => dayjs(c.receivedAt).format('YYYY-MM-DD HH:mm'), width: 18 },
    { header: t('cases.dueDate'), value: (c: CaseSummary) => dueOf(c)?.dueDate ?? '', width: 14 },
    { header: t('cases.badge'), value: (c: CaseSummary) => (dueOf(c) ? labels.badgeLabel(dueOf(c)!.badge) : ''), width: 12 },
  ];

  const items = list.data?.items ?? [];
  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !narrow,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total: number) => t('common.total', { count: total }),
    size: 'small' as const,
    onChange: (page: number, pageSize: number) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
  };

  return (
    <>
      <PageTitle title={t('menu.cases')}>
        {can(me.role, 'complaintIntake') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/complaints/new')}>
            {t('complaints.register')}
          </Button>
        )}
      </PageTitle>
      <PendingDeadlinesAlert showList={filters.overdue !== 'pending'} />
      <Card size="small">
        <div className="yz-toolbar" role="search" aria-label={t('cases.filters')}>
          <Input.Search
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder={t('cases.searchPlaceholder')}
            aria-label={t('cases.searchPlaceholder')}
            onSearch={(v) => setFilter('q', v)}
            style={{ width: narrow ? '100%' : 240 }}
          />
          {filterSelect('type', t('cases.type'), 130, knownCaseTypes.map((type) => ({ value: type, label: labels.typeLabel(type) })), { 'data-testid': 'filter-type' })}
          {filterSelect('status', t('cases.status'), 150, statusOptions, { popupMatchSelectWidth: false })}
          <UnitFilter value={filters.unitId} onChange={(v) => setFilter('unitId', v)} placeholder={t('cases.unit')} style={half(200)} />
          {filterSelect('overdue', t('cases.lateness'), 130, latenessValues.map((v) => ({ value: v, label: labels.badgeLabel(v) })), { 'data-testid': 'filter-lateness' })}
          <Checkbox checked={filters.mine === 'true'} onChange={(e) => setFilter('mine', e.target.checked ? 'true' : undefined)} data-testid="filter-mine">
            {t('cases.mine')}
          </Checkbox>
        </div>
        <div className="yz-toolbar">
          <Select
            allowClear
            placeholder={t('cases.views.pick')}
            aria-label={t('cases.views.pick')}
            // null, not undefined: with no view matching, the select stays controlled and empty, so
            // picking the view shown last fires again (an uncontrolled select kept it as its value).
            value={activeView?.id ?? null}
            onSelect={(id: string) => {
              const view = saved.views.find((v) => v.id === id);
              if (view) setFilters(view.filters);
            }}
            onClear={() => setFilters({})}
            style={{ width: narrow ? '100%' : 200 }}
            options={saved.views.map((v) => ({ value: v.id, label: v.name }))}
            notFoundContent={t('cases.views.none')}
            data-testid="saved-views"
          />
          <Button icon={<SaveOutlined />} onClick={() => (viewForm.setFieldsValue({ name: activeView?.name ?? '' }), setNaming(true))}>
            {t('cases.views.save')}
          </Button>
          {activeView && (
            <Popconfirm title={t('cases.views.confirmDelete', { name: activeView.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => saved.remove(activeView.id)}>
              <Button icon={<DeleteOutlined />}>{t('cases.views.delete')}</Button>
            </Popconfirm>
          )}
          {Object.keys(filters).length > 0 && <Button onClick={() => setFilters({})}>{t('cases.clearFilters')}</Button>}
          <ExportButton path={paths.cases.list} query={{ ...filters, ...sorting }} columns={exportColumns} name={t('cases.exportName')} />
        </div>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : narrow ? (
          <>
            <List<CaseSummary>
              loading={list.isFetching}
              dataSource={items}
              locale={{ emptyText: <Empty description={t('cases.empty')} /> }}
              renderItem={(c) => (
                <List.Item key={c.id} className="yz-case-item" data-testid="case-item">
                  <Link to={`/cases/${c.id}`} className="yz-case-card">
                    <div className="yz-case-card-top">
                      <Typography.Text strong>{c.trackingNo}</Typography.Text>
                      <StatusTag label={pick(c.statusLabel)} closed={c.closed} />
                    </div>
                    <div className="yz-case-card-title">
                      <PriorityTag priority={c.priority} />
                      {c.title}
                    </div>
                    <div className="yz-case-card-meta">
                      <Tag>{labels.typeLabel(c.type)}</Tag>
                      {labels.unitName(c.unitId) && <span className="yz-muted">{labels.unitName(c.unitId)}</span>}
                      {c.clocks.map((clock) => (
                        <ClockBadge key={clock.clockId} clock={clock} compact />
                      ))}
                    </div>
                  </Link>
                </List.Item>
              )}
            />
            <Pagination {...pagination} style={{ marginTop: 8, textAlign: 'center' }} simple />
          </>
        ) : (
          <Table<CaseSummary>
            rowKey="id"
            size="small"
            columns={columns}
            tableLayout="fixed"
            scroll={{ x: 1000 }}
            dataSource={items}
            loading={list.isFetching}
            pagination={pagination}
            onChange={(_page, _filters, sorter, extra) => {
              if (extra.action !== 'sort') return;
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = s?.order ? s.columnKey : undefined;
              setSorting(key === 'receivedAt' || key === 'dueDate' ? { sort: key, order: s.order === 'descend' ? 'desc' : 'asc' } : {});
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            locale={{ emptyText: <Empty description={t('cases.empty')} /> }}
            onRow={(c) => ({ 'data-case': c.trackingNo }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
      <Modal
        open={naming}
        title={t('cases.views.save')}
        onCancel={() => setNaming(false)}
        onOk={() => viewForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form
          form={viewForm}
          layout="vertical"
          name="case-view"
          onFinish={({ name }) => {
            saved.save(name, filters);
            setNaming(false);
            message.success(t('cases.views.saved', { name: name.trim() }));
          }}
        >
          <Form.Item name="name" label={t('cases.views.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 40 }]} extra={t('cases.views.hint')}>
            <Input placeholder={t('cases.views.example')} maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
