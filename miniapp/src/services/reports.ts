import type {
  AssessInput,
  Certificate,
  CertificateList,
  CertificateVerification,
  LateList,
  Report,
  ReportDue,
  ReportPage,
  ReportStatus,
  ServedMember,
  ServedPage,
  UpdateReport
} from '@nuancheng/shared'
import { get, once, post, recordPath, request } from './request'

const id = recordPath('/api/reports')

// ---------- the member ----------
export const fetchDue = () => get<ReportDue>('/api/me/reports/due', { toast: false })
export const fetchMyReports = () => get<ReportPage>('/api/me/reports', { toast: false })
export const createReport = (period: string) => post<Report>('/api/me/reports', { period }, once)
export const fetchReport = (reportId: string) => get<Report>(id(reportId), { toast: false })
export const saveReport = (reportId: string, input: UpdateReport) => request<Report>(id(reportId), { method: 'PATCH', data: input, retries: 0 })
export const refreshReport = (reportId: string) => post<Report>(`${id(reportId)}/refresh`, {}, once)
export const submitReport = (reportId: string) => post<Report>(`${id(reportId)}/submit`, {}, once)

// ---------- the branch secretary ----------
export const fetchReports = (query: { status?: ReportStatus; period?: string; page: number }) =>
  get<ReportPage>('/api/reports', { data: { ...query, pageSize: 20 }, toast: false })
export const approveReport = (reportId: string, comment: string) => post<Report>(`${id(reportId)}/approve`, comment ? { comment } : {}, once)
export const returnReport = (reportId: string, comment: string) => post<Report>(`${id(reportId)}/return`, { comment }, once)
export const fetchLate = (period?: string) => get<LateList>('/api/reports/late', { data: { period }, toast: false })

// ---------- street officials and community staff ----------
export const fetchServed = (query: { period?: string; page: number }) =>
  get<ServedPage>('/api/reports/served', { data: { ...query, pageSize: 20 }, toast: false })
export const assessMember = (input: AssessInput) => request<ServedMember>('/api/reports/assessments', { method: 'PUT', data: input, retries: 0 })

// ---------- certificates ----------
export const fetchCertificates = () => get<CertificateList>('/api/me/certificates', { toast: false })
export const issueCertificate = (period: string) => post<Certificate>('/api/me/certificates', { period }, once)
export const verifyCertificate = (number: string) =>
  get<CertificateVerification>(`/api/certificates/verify/${encodeURIComponent(number)}`, { toast: false, auth: false })
