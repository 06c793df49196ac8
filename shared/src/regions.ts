import { z } from 'zod';
import { SERVICE_PHONE_PATTERN } from './constants/members';
import { COMMUNITY_CODE_PATTERN, ORGANISATION_LEVELS, REGION_LEVELS } from './constants/regions';

/** Short public code printed on a community's QR code. */
export const CommunityCodeSchema = z.string().regex(COMMUNITY_CODE_PATTERN, '社区编码应为 4–12 位字母或数字');

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
/** 社区服务电话: public, for residents to call for help (shown large in 长辈版). */
const ServicePhone = z.string().trim().regex(SERVICE_PHONE_PATTERN, '请填写带区号的固定电话（如 0478-8123401）或手机号');

export const CreateRegionSchema = z.object({
  parentId: z.string().uuid().nullable(),
  level: z.enum(REGION_LEVELS),
  name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字'),
  code: CommunityCodeSchema.optional(),
  address: z.string().trim().max(120).optional(),
  servicePhone: ServicePhone.optional(),
  lat: Latitude.optional(),
  lng: Longitude.optional(),
  checkinRadiusM: z.number().int().min(50).max(5000).optional(),
});
export type CreateRegionInput = z.infer<typeof CreateRegionSchema>;

export const UpdateRegionSchema = CreateRegionSchema.omit({ parentId: true, level: true }).partial();
export type UpdateRegionInput = z.infer<typeof UpdateRegionSchema>;

/** What community staff may keep up to date themselves; the code and name stay with the committee. */
export const UpdateCommunityProfileSchema = z.object({
  address: z.string().trim().max(120).optional(),
  servicePhone: ServicePhone.optional(),
  lat: Latitude.optional(),
  lng: Longitude.optional(),
  checkinRadiusM: z.number().int().min(50).max(5000).optional(),
});
export type UpdateCommunityProfileInput = z.infer<typeof UpdateCommunityProfileSchema>;

export const RegionSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(REGION_LEVELS),
  name: z.string(),
  code: z.string().nullable(),
  address: z.string().nullable(),
  servicePhone: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  checkinRadiusM: z.number().nullable(),
});
export type Region = z.infer<typeof RegionSchema>;

/** What anyone who scans a community's QR code may see. */
export const CommunityPublicSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  /** 社区服务电话 (public), or null when not set. */
  servicePhone: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  checkinRadiusM: z.number(),
  street: z.object({ id: z.string(), name: z.string() }),
  district: z.object({ id: z.string(), name: z.string() }),
});
export type CommunityPublic = z.infer<typeof CommunityPublicSchema>;

export const CreateOrganisationSchema = z.object({
  parentId: z.string().uuid().nullable(),
  level: z.enum(ORGANISATION_LEVELS),
  name: z.string().trim().min(2, '名称至少 2 个字').max(60, '名称最多 60 个字'),
});
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationSchema>;

export const UpdateOrganisationSchema = CreateOrganisationSchema.pick({ name: true });
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationSchema>;

export const OrganisationSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(ORGANISATION_LEVELS),
  name: z.string(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;
