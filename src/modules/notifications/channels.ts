import nodemailer from 'nodemailer';
import { loggingAdapter, type ChannelAdapter, type DeliveryLog } from './adapters.js';
import type { AdapterRegistry } from './service.js';

/** Email through SMTP (YOUZHI_SMTP_URL, e.g. smtps://user:pass@smtp.example.cn:465). */
export function smtpAdapter(url: string, from: string): ChannelAdapter {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.address, subject: m.subject, text: m.body });
    },
  };
}

/**
 * SMS and WeChat gateways differ by vendor; a deployment points a channel at an HTTP endpoint
 * of its own gateway, which receives {channel, address, subject, body} as JSON.
 */
export function webhookAdapter(url: string): ChannelAdapter {
  return {
    async send(m) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}

/** The adapters configured in the environment; anything unconfigured goes to the logging adapter. */
export function adaptersFromEnv(env: NodeJS.ProcessEnv, log: DeliveryLog): AdapterRegistry {
  const fallback = loggingAdapter(log);
  return {
    email: env.YOUZHI_SMTP_URL ? smtpAdapter(env.YOUZHI_SMTP_URL, env.YOUZHI_MAIL_FROM ?? 'youzhi@localhost') : fallback,
    sms: env.YOUZHI_SMS_WEBHOOK ? webhookAdapter(env.YOUZHI_SMS_WEBHOOK) : fallback,
    wechat: env.YOUZHI_WECHAT_WEBHOOK ? webhookAdapter(env.YOUZHI_WECHAT_WEBHOOK) : fallback,
  };
}
