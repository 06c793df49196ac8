import { useEffect, useState } from 'react'
import { care, type CareState } from '../store/care'

/**
 * 长辈版 and the WeChat font size for a page: put `rootClass` and `rootStyle` on the page's root `.nc-page`
 * (on H5 the document carries them already; on weapp the page root is the only place).
 */
export function useCareMode(): CareState & typeof care & { rootClass: string; rootStyle: Record<string, string> | undefined } {
  const [state, setState] = useState(care.getState)
  useEffect(() => {
    setState(care.getState())
    return care.subscribe(() => setState({ ...care.getState() }))
  }, [])
  return {
    ...care,
    ...state,
    rootClass: state.elder ? 'nc-elder' : '',
    rootStyle: state.scale !== 1 ? { zoom: String(state.scale) } : undefined
  }
}
