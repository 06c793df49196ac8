import type {
  ActivityDetail,
  ActivityPage,
  ApproveAllResult,
  AttendanceList,
  CheckinCode,
  CheckinInput,
  CreateActivity,
  HoursReview,
  ManualAttendance,
  MyActivityPage,
  OrganisablePlaceList
} from '@nuancheng/shared'
import { get, once, post, recordPath } from './request'

export interface ActivityQuery {
  communityId?: string
  streetId?: string
  organisationId?: string
  lat?: number
  lng?: number
  when?: 'upcoming' | 'past'
  page?: number
  pageSize?: number
}

const id = recordPath('/api/activities')

export const fetchActivities = (query: ActivityQuery) => get<ActivityPage>('/api/activities', { data: query, toast: false })
export const fetchMyActivities = (page: number) => get<MyActivityPage>('/api/me/activities', { data: { page }, toast: false })
export const fetchActivity = (activityId: string) => get<ActivityDetail>(id(activityId), { toast: false })
/** Where the caller may publish, with the commitments an activity there may deliver. */
export const fetchActivityPlaces = () => get<OrganisablePlaceList>('/api/activities/places', { toast: false })
export const publishActivity = (input: CreateActivity) => post<ActivityDetail>('/api/activities', input, once)
export const signUpActivity = (activityId: string) => post<ActivityDetail>(`${id(activityId)}/signup`, {}, once)
export const cancelSignup = (activityId: string) => post<ActivityDetail>(`${id(activityId)}/signup/cancel`, {}, once)
export const cancelActivity = (activityId: string, reason: string) => post<ActivityDetail>(`${id(activityId)}/cancel`, { reason }, once)
export const endActivity = (activityId: string) => post<ActivityDetail>(`${id(activityId)}/end`, {}, once)
/** No toast: the code page shows its own state and retries on its own. */
export const fetchCheckinCode = (activityId: string) => get<CheckinCode>(`${id(activityId)}/checkin-code`, { toast: false, retries: 0 })
/** No toast: the check-in page shows the refusal in full (each has its own message). */
export const checkIn = (activityId: string, input: CheckinInput, out = false) =>
  post<ActivityDetail>(`${id(activityId)}/${out ? 'checkout' : 'checkin'}`, input, { retries: 0, toast: false })
export const fetchAttendances = (activityId: string) => get<AttendanceList>(`${id(activityId)}/attendances`, { toast: false })
export const recordAttendance = (activityId: string, input: ManualAttendance) =>
  post<AttendanceList>(`${id(activityId)}/attendances/manual`, input, once)
export const approveAllHours = (activityId: string) => post<ApproveAllResult>(`${id(activityId)}/hours/approve-all`, {}, once)
export const reviewHours = (activityId: string, attendanceId: string, input: HoursReview) =>
  post<AttendanceList>(`${id(activityId)}/hours/${encodeURIComponent(attendanceId)}`, input, once)
