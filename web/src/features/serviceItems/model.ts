/** 办事指南 item as GET /api/v1/service-items returns it (src/modules/applications/service-items.ts). */
export interface Material {
  code: string;
  name: string;
  required: boolean;
}

export interface ServiceItem {
  id: string;
  code: string;
  name: string;
  unitId: string | null;
  responsibleBody: string;
  legalBasis: string;
  conditions: string;
  procedure: string;
  materials: Material[];
  statutoryLimitDays: number;
  committedLimitDays: number;
  fees: string;
  feeBasis: string;
  complaintChannels: string[];
  active: boolean;
  version: number;
}
