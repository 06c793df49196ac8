import type { AgreementAssessments, AssessAgreement, OrgReport, OrgReportPage, OrgReportStatus } from '@nuancheng/shared'
import { get, once, post, recordPath, request } from './request'

const id = recordPath('/api/org-reports')

// ---------- 机关党组织年度报告 ----------
export const fetchOrgReports = (query: { status?: OrgReportStatus; year?: number; page: number }) =>
  get<OrgReportPage>('/api/org-reports', { data: { ...query, pageSize: 20 }, toast: false })
export const createOrgReport = (year: number) => post<OrgReport>('/api/org-reports', { year }, once)
export const fetchOrgReport = (reportId: string) => get<OrgReport>(id(reportId), { toast: false })
export const saveOrgReport = (reportId: string, summary: string) =>
  request<OrgReport>(id(reportId), { method: 'PATCH', data: { summary }, retries: 0 })
export const refreshOrgReport = (reportId: string) => post<OrgReport>(`${id(reportId)}/refresh`, {}, once)
export const submitOrgReport = (reportId: string) => post<OrgReport>(`${id(reportId)}/submit`, {}, once)
export const approveOrgReport = (reportId: string, comment: string) => post<OrgReport>(`${id(reportId)}/approve`, comment ? { comment } : {}, once)
export const returnOrgReport = (reportId: string, comment: string) => post<OrgReport>(`${id(reportId)}/return`, { comment }, once)

// ---------- the paired streets' assessments of agreements ----------
const agreement = recordPath('/api/agreements')
export const fetchAgreementAssessments = (agreementId: string, year: number) =>
  get<AgreementAssessments>(`${agreement(agreementId)}/assessments`, { data: { year }, toast: false })
export const assessAgreement = (agreementId: string, input: AssessAgreement) =>
  request<AgreementAssessments>(`${agreement(agreementId)}/assessment`, { method: 'PUT', data: input, retries: 0 })
