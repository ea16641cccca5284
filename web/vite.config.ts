import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The web app is built into web/dist and served by the Youzhi server (same origin, strict CSP:
// no inline scripts, no CDN). `vite` (dev server) proxies the API to a server on port 3000.
export default defineConfig(({ mode }) => {
  // The bundle follows the mode, not the calling shell: vitest runs with NODE_ENV=test, under which
  // React would be bundled in development and antd/rc components switch to fixed test ids.
  process.env.NODE_ENV = mode === 'development' ? 'development' : 'production';
  return {
    root,
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
      rollupOptions: {
        output: {
          manualChunks(id: string) {
            if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
            if (/node_modules\/(antd|@ant-design|rc-[^/]+|@rc-component)\//.test(id)) return 'antd';
            return undefined;
          },
        },
      },
    },
    server: {
      proxy: { '/api': 'http://127.0.0.1:3000' },
    },
  };
});
