import type * as Echarts from 'echarts';
import SVGtoPDF from 'svg-to-pdfkit';

/**
 * Charts of the monthly report: ECharts (the dashboard's library) rendered on the server to SVG,
 * then drawn into the PDF as vector graphics. Text is drawn with the report's CJK font.
 */
export interface TrendPoint {
  month: string;
  complaints: number;
  satisfaction: number | null;
}

export interface CategoryBar {
  label: string;
  value: number;
  previous: number;
}

const textStyle = { fontFamily: 'cjk', fontSize: 11, color: '#333333' };

/**
 * One chart as an SVG document; no animation, no timers left behind. ECharts is loaded on the
 * first chart, not at start-up: it is a third of the server's memory at rest (npm run bench -- memory).
 */
export async function chartSvg(option: Echarts.EChartsCoreOption, size: { width: number; height: number }): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** 近12个月趋势: complaints received as bars (left axis), satisfaction as a line (right axis, 0–100 %). */
export function trendChartSvg(points: TrendPoint[], size: { width: number; height: number }): Promise<string> {
  return chartSvg(
    {
      legend: { top: 0, textStyle, data: ['投诉受理量（件）', '满意率（%）'] },
      grid: { left: 40, right: 44, top: 30, bottom: 24 },
      xAxis: { type: 'category', data: points.map((p) => p.month.slice(2).replace('-', '/')), axisLabel: { ...textStyle, interval: 0 } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: textStyle },
        { type: 'value', min: 0, max: 100, axisLabel: { ...textStyle, formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: '投诉受理量（件）', type: 'bar', barWidth: '50%', itemStyle: { color: '#9dbbd9' }, data: points.map((p) => p.complaints) },
        { name: '满意率（%）', type: 'line', yAxisIndex: 1, connectNulls: false, symbolSize: 5, itemStyle: { color: '#b4232a' }, lineStyle: { width: 2 }, data: points.map((p) => p.satisfaction) },
      ],
    },
    size,
  );
}

/** 投诉分类: this month's complaints per category beside last month's. */
export function categoryChartSvg(bars: CategoryBar[], size: { width: number; height: number }): Promise<string> {
  return chartSvg(
    {
      legend: { top: 0, textStyle, data: ['本月', '上月'] },
      grid: { left: 110, right: 24, top: 26, bottom: 20 },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: textStyle },
      xAxis: { type: 'value', minInterval: 1, axisLabel: textStyle },
      series: [
        { name: '本月', type: 'bar', itemStyle: { color: '#2f5d8a' }, label: { show: true, position: 'right', ...textStyle }, data: bars.map((b) => b.value) },
        { name: '上月', type: 'bar', itemStyle: { color: '#c7d3df' }, data: bars.map((b) => b.previous) },
      ],
    },
    size,
  );
}

/** Draws an SVG chart into the PDF at (x, y); every text run in the report's registered CJK font. */
export function drawSvg(doc: PDFKit.PDFDocument, svg: string, box: { x: number; y: number; width: number; height: number }): void {
  SVGtoPDF(doc, svg, box.x, box.y, { width: box.width, height: box.height, fontCallback: () => 'cjk', assumePt: true });
  doc.font('cjk');
}
