/** The H5 grant cache behind ensureConsent: a withdrawal (隐私与授权) makes the privacy sheet ask again. */
const fetched: { scopes: { scope: string; granted: boolean }[] } = { scopes: [] }
jest.mock('./token', () => ({ getToken: () => 'token-a' }))
jest.mock('./request', () => ({ get: jest.fn(async () => fetched), post: jest.fn() }))

import { ensureConsent, forgetGranted, registerConsentAsker, rememberGranted } from './consents'

describe('services/consents: asking again after a withdrawal', () => {
  it('does not ask for a scope remembered as granted, and asks again once it is forgotten', async () => {
    const ask = jest.fn(async () => true)
    const unregister = registerConsentAsker(ask)
    try {
      rememberGranted(['photos'])
      await expect(ensureConsent('photos')).resolves.toBe(true)
      expect(ask).not.toHaveBeenCalled()

      forgetGranted(['photos'])
      await expect(ensureConsent('photos')).resolves.toBe(true)
      expect(ask).toHaveBeenCalledWith('photos')

      // Declining after a withdrawal stops the action.
      ask.mockResolvedValueOnce(false)
      await expect(ensureConsent('photos')).resolves.toBe(false)
    } finally {
      unregister()
    }
  })
})
