import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Tag, Tooltip, Typography } from 'antd';
import { api, isApiError } from '../../app/api';
import { fieldIssuesOf, useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { sumDecimals } from './decimal';
import { judgedCodeOf, scorable, stateColor } from './model';
import type { FilledItem, GridSheet, SheetDetail } from './types';

const FEEDBACK = '__feedback';

/** The value a cell shows when nobody has typed in it: the stored score or feedback. */
function storedOf(sheet: GridSheet, col: string): string {
  if (col === FEEDBACK) return sheet.feedback ?? '';
  return sheet.items.find((i) => i.code === col)?.value ?? '';
}

const cellStyle = { border: '1px solid #d9d9d9', padding: 0 } as const;
const headStyle = { border: '1px solid #d9d9d9', padding: '4px 6px', background: '#fafafa', fontWeight: 500, whiteSpace: 'nowrap' as const, fontSize: 12 };

/**
 * 科室负责人评分表: staff rows × the judged items (德、能、勤、绩), typed like a spreadsheet. Arrow
 * keys, Tab and Enter move between cells; typing replaces what the cell held; Esc puts it back; a
 * row is saved (at its `version`) when the focus leaves it. A value the server refuses (outside the
 * item's range) stays in the cell with the server's message and nothing of the row is stored.
 */
export function ScoreGrid({
  sheets,
  judged,
  onSaved,
  onConflict,
}: {
  sheets: GridSheet[];
  judged: Pick<FilledItem, 'code' | 'label' | 'group' | 'range' | 'max'>[];
  /** A row saved: the sheet as the server now holds it. */
  onSaved: (sheet: SheetDetail) => void;
  /** A row refused because someone else changed the sheet: read the rows again. */
  onConflict: () => Promise<void>;
}) {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const cols = useMemo(() => [...judged.map((j) => j.code), FEEDBACK], [judged]);
  const [drafts, setDrafts] = useState<Record<string, Record<string, string>>>({});
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({});
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const cells = useRef(new Map<string, HTMLInputElement>());
  const focused = useRef<{ row: number; col: number; before: string; typed: boolean } | null>(null);
  const justFocused = useRef(false);
  // The drafts as of now, for saves started from event handlers (state may lag a render behind).
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const shown = (s: GridSheet, col: string) => drafts[s.id]?.[col] ?? storedOf(s, col);
  const dirty = (s: GridSheet) => Object.entries(drafts[s.id] ?? {}).some(([col, v]) => v !== storedOf(s, col));

  const setDraft = (s: GridSheet, col: string, value: string) => {
    setDrafts((d) => ({ ...d, [s.id]: { ...d[s.id], [col]: value } }));
    setErrors((e) => (e[s.id]?.[col] ? { ...e, [s.id]: { ...e[s.id], [col]: '' } } : e));
  };

  const saveRow = useCallback(
    async (s: GridSheet) => {
      const own = draftsRef.current[s.id] ?? {};
      if (!Object.entries(own).some(([col, v]) => v !== storedOf(s, col))) return;
      const items = Object.fromEntries(judged.map((j) => [j.code, (own[j.code] ?? storedOf(s, j.code)).trim() || null]));
      const body = { version: s.version, items, ...(FEEDBACK in own ? { feedback: own[FEEDBACK].trim() } : {}) };
      setSaving((x) => ({ ...x, [s.id]: true }));
      try {
        const next = await api.put<SheetDetail>(paths.appraisals.judged(s.id), body);
        onSaved(next);
        setDrafts((d) => {
          const { [s.id]: _, ...rest } = d;
          return rest;
        });
        setErrors((e) => ({ ...e, [s.id]: {} }));
      } catch (e) {
        const issues = fieldIssuesOf(e).flatMap((i) => {
          const code = judgedCodeOf(i.path);
          return code ? [[code, pick(i.messages)] as const] : [];
        });
        const named = isApiError(e) ? (e.details as { field?: string } | null)?.field : undefined;
        const code = named ? judgedCodeOf(named) : null;
        if (code && !issues.length && isApiError(e)) issues.push([code, pick(e.messages)]);
        if (issues.length) setErrors((x) => ({ ...x, [s.id]: Object.fromEntries(issues) }));
        else {
          message.error(errorText(e));
          if (isApiError(e) && e.code === 'version_conflict') await onConflict();
        }
      } finally {
        setSaving((x) => ({ ...x, [s.id]: false }));
      }
    },
    [errorText, judged, message, onConflict, onSaved, pick],
  );

  const focusCell = (row: number, col: number) => {
    const r = Math.max(0, Math.min(sheets.length - 1, row));
    const c = Math.max(0, Math.min(cols.length - 1, col));
    cells.current.get(`${r}:${c}`)?.focus();
  };

  const onFocus = (row: number, col: number, el: HTMLInputElement) => {
    const prev = focused.current;
    if (prev && prev.row !== row && sheets[prev.row]) void saveRow(sheets[prev.row]);
    focused.current = { row, col, before: el.value, typed: false };
    // Typing replaces the cell, as in a spreadsheet: all of it selected (a click's mouseup keeps it so).
    el.select();
    justFocused.current = true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const f = focused.current;
    const move = (r: number, c: number) => {
      e.preventDefault();
      focusCell(r, c);
    };
    switch (e.key) {
      case 'ArrowUp':
        return move(row - 1, col);
      case 'ArrowDown':
        return move(row + 1, col);
      case 'ArrowLeft':
        if (!f?.typed || e.currentTarget.selectionStart === 0) move(row, col - 1);
        return;
      case 'ArrowRight':
        if (!f?.typed || e.currentTarget.selectionEnd === e.currentTarget.value.length) move(row, col + 1);
        return;
      case 'Enter':
        return move(row + (e.shiftKey ? -1 : 1), col);
      case 'Tab': {
        const i = row * cols.length + col + (e.shiftKey ? -1 : 1);
        if (i < 0 || i >= sheets.length * cols.length) return; // leave the grid: the row saves on blur
        return move(Math.floor(i / cols.length), i % cols.length);
      }
      case 'Escape': {
        e.preventDefault();
        if (f) {
          setDraft(sheets[row], cols[col], f.before);
          f.typed = false;
          const el = e.currentTarget;
          requestAnimationFrame(() => el.select());
        }
        return;
      }
    }
  };

  /** Leaving the grid altogether saves the row the focus was in. */
  const onBlurGrid = (e: React.FocusEvent<HTMLTableElement>) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    const f = focused.current;
    focused.current = null;
    if (f && sheets[f.row]) void saveRow(sheets[f.row]);
  };

  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', minWidth: '100%' }} onBlur={onBlurGrid} data-testid="score-grid">
        <thead>
          <tr>
            <th style={headStyle}>{t('appraisals.staff')}</th>
            {judged.map((j) => (
              <th key={j.code} style={headStyle}>
                <Tooltip title={t(`appraisals.groups.${j.group}`, { defaultValue: j.group })}>{pick(j.label)}</Tooltip>
                <div style={{ fontWeight: 400, color: '#888' }}>{j.range ? `${j.range.min}–${j.range.max}` : `≤ ${j.max}`}</div>
              </th>
            ))}
            <th style={headStyle}>{t('appraisals.measuredTotal')}</th>
            <th style={headStyle}>{t('appraisals.liveTotal')}</th>
            <th style={headStyle}>{t('appraisals.feedback')}</th>
            <th style={headStyle}>{t('appraisals.state')}</th>
          </tr>
        </thead>
        <tbody>
          {sheets.map((s, row) => {
            const editable = scorable(s);
            const measured = sumDecimals(s.items.filter((i) => i.kind === 'measured').map((i) => i.points));
            const live = sumDecimals([measured, ...judged.map((j) => shown(s, j.code))]);
            const input = (col: number, width: number) => {
              const code = cols[col];
              const err = errors[s.id]?.[code];
              return (
                <td key={code} style={{ ...cellStyle, background: err ? '#fff1f0' : dirty(s) && drafts[s.id]?.[code] !== undefined ? '#fffbe6' : undefined }}>
                  <input
                    ref={(el) => {
                      if (el) cells.current.set(`${row}:${col}`, el);
                      else cells.current.delete(`${row}:${col}`);
                    }}
                    value={shown(s, code)}
                    readOnly={!editable}
                    inputMode={code === FEEDBACK ? 'text' : 'decimal'}
                    aria-label={`${s.staff.name} ${code === FEEDBACK ? t('appraisals.feedback') : pick(judged[col].label)}`}
                    aria-invalid={!!err}
                    data-testid={`cell-${s.staff.id}-${code === FEEDBACK ? 'feedback' : code}`}
                    onFocus={(e) => onFocus(row, col, e.currentTarget)}
                    onMouseUp={(e) => {
                      if (justFocused.current) e.preventDefault();
                      justFocused.current = false;
                    }}
                    onKeyDown={(e) => onKeyDown(e, row, col)}
                    onChange={(e) => {
                      if (focused.current) focused.current.typed = true;
                      setDraft(s, code, e.target.value);
                    }}
                    style={{ width, border: 'none', outline: 'none', padding: '4px 6px', background: 'transparent', textAlign: code === FEEDBACK ? 'left' : 'right', font: 'inherit' }}
                  />
                  {err && (
                    <div style={{ color: '#cf1322', fontSize: 11, padding: '0 6px 2px', maxWidth: width + 40 }} data-testid={`cell-error-${s.staff.id}-${code}`}>
                      {err}
                    </div>
                  )}
                </td>
              );
            };
            return (
              <tr key={s.id} data-testid={`grid-row-${s.staff.id}`}>
                <td style={{ ...headStyle, background: undefined }}>
                  <Link to={`/appraisals/sheets/${s.id}`}>{s.staff.name}</Link>
                  {s.staff.unitName && <div style={{ color: '#888', fontWeight: 400 }}>{s.staff.unitName}</div>}
                </td>
                {judged.map((_, col) => input(col, 64))}
                <td style={{ ...cellStyle, padding: '4px 6px', textAlign: 'right' }} data-testid={`measured-${s.staff.id}`}>
                  {measured}
                </td>
                <td style={{ ...cellStyle, padding: '4px 6px', textAlign: 'right', fontWeight: 600 }} data-testid={`live-${s.staff.id}`}>
                  {live}
                </td>
                {input(cols.length - 1, 220)}
                <td style={{ ...cellStyle, padding: '4px 6px' }}>
                  <Tag color={stateColor[s.state]} data-testid={`row-state-${s.staff.id}`}>
                    {saving[s.id] ? t('appraisals.saving') : t(`appraisals.states.${s.state}`)}
                  </Tag>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('appraisals.gridHelp')}
      </Typography.Text>
    </div>
  );
}
