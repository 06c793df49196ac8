import { useEffect, useState } from 'react'
import { session, type SessionState } from '../store/session'

/** The current user; re-renders on sign-in, sign-out and refresh. */
export function useSession(): SessionState & typeof session {
  const [state, setState] = useState(session.getState)
  useEffect(() => {
    setState(session.getState())
    return session.subscribe(() => setState(session.getState()))
  }, [])
  return { ...session, ...state }
}
