import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

/**
 * While `storybook dev` runs, a local sandbox runs beside it and the dev server answers
 * `POST /api/create-payment-session` as a merchant backend would, so the stories load real
 * frames and pay with the test cards. A static build has no backend: stories say so.
 */
function sandboxBackend(): Plugin {
  return {
    name: 'moment-sandbox-backend',
    apply: 'serve',
    async configureServer(server) {
      const { startSandbox } = await import('../dist/sandbox/index.js');
      const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 0) });
      server.httpServer?.once('close', () => void sandbox.close());
      server.middlewares.use('/api/create-payment-session', async (req, res) => {
        if (req.method !== 'POST') return void ((res.statusCode = 405), res.end());
        const variant = new URL(req.url ?? '/', 'http://localhost').searchParams.get('variant') === 'inline' ? 'inline' : 'modal';
        const response = await fetch(`${sandbox.origin}/collect/payment_sessions`, {
          method: 'POST',
          headers: { Authorization: 'Bearer sk_test_storybook', 'Content-Type': 'application/json' },
          body: JSON.stringify({
            amount: 2500,
            currency: 'GBP',
            type: 'one_time',
            title: 'Storybook shop',
            line_items: [{ name: 'Moment tee', quantity: 1, amount: 2500 }],
            options: { checkout_options: { presentation_mode: { mode: 'embedded', variant } } },
          }),
        });
        const body = (await response.json()) as { client_token?: string };
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ client_token: body.client_token }));
      });
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), sandboxBackend()];
    return viteConfig;
  },
};
export default config;
