import type {
  Agreement,
  AgreementPage,
  AgreementStatus,
  AgreementTerms,
  DispatchCandidates,
  OnePlusN,
  ProposeAgreement,
  TimelineEntry
} from '@nuancheng/shared'
import { get, once, post, recordPath } from './request'

const id = recordPath('/api/agreements')

/** My unit's / street's / community's agreements (the server scopes the list by my roles). */
export const fetchAgreements = (query: { status?: AgreementStatus; page?: number; pageSize?: number }) =>
  get<AgreementPage>('/api/agreements', { data: query, toast: false })
export const fetchAgreement = (agreementId: string) => get<Agreement>(id(agreementId), { toast: false })
export const fetchAgreementTimeline = async (agreementId: string): Promise<TimelineEntry[]> =>
  (await get<{ items: TimelineEntry[] }>(`${id(agreementId)}/timeline`, { toast: false })).items ?? []

export const proposeAgreement = (input: ProposeAgreement) => post<Agreement>('/api/agreements', input, once)
export const countersignAgreement = (agreementId: string) => post<Agreement>(`${id(agreementId)}/countersign`, {}, once)
export const returnAgreement = (agreementId: string, reason: string) => post<Agreement>(`${id(agreementId)}/return`, { reason }, once)
export const reproposeAgreement = (agreementId: string, terms: AgreementTerms) => post<Agreement>(`${id(agreementId)}/repropose`, terms, once)
export const withdrawAgreement = (agreementId: string) => post<Agreement>(`${id(agreementId)}/withdraw`, {}, once)
export const endAgreement = (agreementId: string, reason: string) => post<Agreement>(`${id(agreementId)}/end`, { reason }, once)

/** 1+N of a street or community: partners with commitments and delivery, beside its open needs. */
export const fetchOnePlusN = (regionId: string) => get<OnePlusN>(`/api/regions/${encodeURIComponent(regionId)}/one-plus-n`, { toast: false })

/** The dispatch picker for one wish: matching partners first (with the commitment), other partners, every other unit. */
export const fetchDispatchCandidates = (wishId: string) =>
  get<DispatchCandidates>(`/api/wishes/${encodeURIComponent(wishId)}/dispatch-candidates`, { toast: false })
