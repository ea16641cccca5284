import { describe, expect, it } from 'vitest';
import { renderBoardAwards, renderPublicity, type PublicRound } from './public-page.js';

const round: PublicRound = {
  id: 'r1',
  organisation: { code: 'demo-hospital', name: '示范县人民医院' },
  awardName: { zh: '文明服务标兵', en: 'Civil service model' },
  period: '2026-Q4',
  state: 'publicity',
  publicityEndsAt: '2026-11-25T16:00:00.000Z',
  objectionsOpen: true,
  candidates: [
    { id: 'n1', name: '张丽', unitName: '挂号收费窗口', reason: '全年零投诉<script>' },
    { id: 'n2', name: '刘洋', unitName: null, reason: '主动帮扶老人' },
  ],
};

describe('评选公示 page', () => {
  it('lists the candidates with their reasons, escaped, and takes an objection while the publicity runs', () => {
    const html = renderPublicity(round, 'zh', '/public/awards/r1');
    expect(html).toContain('示范县人民医院 · 评选公示');
    expect(html).toContain('2026年第四季度');
    expect(html).toContain('<b>张丽</b> · 挂号收费窗口');
    expect(html).toContain('全年零投诉&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('action="/public/awards/r1/objection?lang=zh"');
    expect(html).toContain('<option value="n2">刘洋</option>');
  });

  it('shows no form outside the publicity (001:L315: objections are taken during the publicity)', () => {
    const html = renderPublicity({ ...round, state: 'voting', objectionsOpen: false }, 'en', '/public/awards/r1?lang=en');
    expect(html).not.toContain('<form');
    expect(html).toContain('objections are no longer taken');
  });

  it('puts each field error under its field and keeps what was typed', () => {
    const html = renderPublicity(round, 'zh', '/public/awards/r1', { nominationId: 'n1', text: 'abc' }, '请检查填写的内容。', { text: '请填写异议内容（至少 5 个字）' });
    expect(html).toContain('<option value="n1" selected>');
    expect(html).toContain('aria-invalid="true" aria-describedby="e-text">abc</textarea><p class="err" id="e-text">');
  });
});

describe('光荣榜 on the board', () => {
  it('links rounds in publicity and lists the winners; nothing when there is neither', () => {
    const html = renderBoardAwards([{ id: 'r1', awardName: round.awardName, period: '2026-Q4' }], [{ awardName: round.awardName, period: '2026-Q3', winners: [{ name: '张丽', unitName: '挂号收费窗口' }, { name: '陈静' }] }], 'zh');
    expect(html).toContain('href="/public/awards/r1?lang=zh"');
    expect(html).toContain('光荣榜');
    expect(html).toContain('张丽<span class="muted">（挂号收费窗口）</span>、陈静');
    expect(renderBoardAwards([], [], 'zh')).toBe('');
  });
});
