/**
 * Delivery channels behind one interface. The in-app inbox needs no delivery; email, SMS and
 * WeChat go through adapters. Until an organisation configures a gateway, the logging adapter
 * records what would have been sent (never silently drops it).
 */
export interface OutgoingMessage {
  /** The outbox row's id, the same on every attempt: a gateway that got it twice (a node died after sending, before recording it) drops the second. */
  id: string;
  channel: string;
  address: string;
  subject: string;
  body: string;
}

export interface ChannelAdapter {
  send(message: OutgoingMessage): Promise<void>;
  /** Only writes the message to the log (no gateway configured): the outbox marks it `logged`, not `sent`. */
  readonly logOnly?: boolean;
}

export type DeliveryLog = (line: Record<string, unknown>) => void;

export function loggingAdapter(log: DeliveryLog): ChannelAdapter {
  return {
    logOnly: true,
    async send(m) {
      log({ msg: 'notification (logging adapter)', channel: m.channel, address: maskAddress(m.address), subject: m.subject });
    },
  };
}

/** Phone numbers and emails appear in logs masked: 138****0001, z***@example.cn. */
export function maskAddress(address: string): string {
  if (/^\+?\d{7,}$/.test(address)) return `${address.slice(0, 3)}****${address.slice(-4)}`;
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return '***';
}

export const externalChannels = ['email', 'sms', 'wechat'] as const;
export type ExternalChannel = (typeof externalChannels)[number];
