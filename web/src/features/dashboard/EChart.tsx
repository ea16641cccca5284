import { useEffect, useRef } from 'react';

type ECharts = { setOption(option: unknown, notMerge?: boolean): void; resize(): void; dispose(): void };

let loader: Promise<(el: HTMLElement) => ECharts> | null = null;

/** ECharts, loaded on first use (its own chunk): only the bar/line/pie charts and the canvas renderer. */
function loadECharts() {
  loader ??= import('./echartsSetup').then((m) => (el: HTMLElement) => m.init(el) as unknown as ECharts);
  return loader;
}

/** A chart of an ECharts option; `label` names it for screen readers. */
export function EChart({ option, label, height = 280, testId }: { option: unknown; label: string; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadECharts().then((init) => {
      if (disposed || !ref.current) return;
      chart.current = init(ref.current);
      chart.current.setOption(option, true);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // the chart is created once; option changes go through the next effect
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
