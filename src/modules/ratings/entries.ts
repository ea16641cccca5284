import type { AppContext } from '../../shared/context.js';
import { listPublicUnits } from '../units/service.js';
import { encodeStandingCode } from './codes.js';

/**
 * 在线评价入口: each window's standing rating link, for the public board — the same signed code
 * as the QR code printed at the window (so a rating from the board counts for that window).
 */
export async function windowRatingLinks(ctx: AppContext, orgId: string): Promise<{ unitName: string; url: string }[]> {
  const windows = (await listPublicUnits(ctx, orgId)).filter((u) => u.kind === 'window');
  return windows.map((u) => ({ unitName: u.name, url: `/r/c/${encodeStandingCode(ctx.config.secret!, { orgId, unitId: u.id, staffId: null })}` }));
}
