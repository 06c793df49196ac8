import type { CreateProject, Project, ProjectPage, ProjectStatus, ProjectUpdateInput } from '@nuancheng/shared'
import { get, once, post, recordPath } from './request'

export interface ProjectQuery {
  streetId?: string
  communityId?: string
  status?: ProjectStatus
  page?: number
  pageSize?: number
}

const id = recordPath('/api/projects')

export const fetchProjects = (query: ProjectQuery) => get<ProjectPage>('/api/projects', { data: query, toast: false })
export const postProject = (input: CreateProject) => post<Project>('/api/projects', input, once)
export const claimProject = (projectId: string, organisationId: string) => post<Project>(`${id(projectId)}/claim`, { organisationId }, once)
export const postProjectUpdate = (projectId: string, input: ProjectUpdateInput) => post<Project>(`${id(projectId)}/updates`, input, once)
export const completeProject = (projectId: string) => post<Project>(`${id(projectId)}/complete`, {}, once)
export const verifyProject = (projectId: string) => post<Project>(`${id(projectId)}/verify`, {}, once)
