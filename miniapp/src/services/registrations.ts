import type { MyRegistration, Registration, RegistrationPage, TimelineEntry } from '@nuancheng/shared'
import { get, once, post, recordPath } from './request'

const id = recordPath('/api/registrations')

/** 党员报到 (GET/POST /api/registrations…): the member card's block, requests, and the staff lists. */
export const fetchMyRegistration = () => get<MyRegistration>('/api/registrations/mine', { toast: false })
export const requestRegistration = (communityId: string) => post<Registration>('/api/registrations', { communityId }, once)
export const cancelRegistration = (registrationId: string) => post<Registration>(`${id(registrationId)}/cancel`, {}, once)
export const withdrawRegistration = (registrationId: string, reason?: string) =>
  post<Registration>(`${id(registrationId)}/withdraw`, reason ? { reason } : {}, once)
export const fetchRegistrations = (status: 'pending' | 'confirmed', page: number, pageSize = 20) =>
  get<RegistrationPage>('/api/registrations', { data: { status, page, pageSize }, toast: false })
export const confirmRegistration = (registrationId: string) => post<Registration>(`${id(registrationId)}/confirm`, {}, once)
export const rejectRegistration = (registrationId: string, reason: string) => post<Registration>(`${id(registrationId)}/reject`, { reason }, once)
export const fetchRegistrationTimeline = (registrationId: string) =>
  get<{ items: TimelineEntry[] }>(`${id(registrationId)}/timeline`, { toast: false })
