import type { Organisation, OrganisationLevel, Region, RegionLevel } from '@nuancheng/shared'
import { get } from './request'

/** Every region of a level (GET /api/regions?level=…, public); a community's parentId is its street. */
export async function fetchRegions(level: RegionLevel): Promise<Region[]> {
  const res = await get<{ items: Region[] }>('/api/regions', { data: { level }, auth: false, toast: false })
  return res.items ?? []
}

/** Every organisation of a level (GET /api/organisations?level=…, signed in). */
export async function fetchOrganisations(level: OrganisationLevel): Promise<Organisation[]> {
  const res = await get<{ items: Organisation[] }>('/api/organisations', { data: { level }, toast: false })
  return res.items ?? []
}
