/**
 * H5 only: what Taro's rendered DOM lacks for assistive technology, added as pages mount.
 *  - a page and a horizontal ScrollView are scroll containers without focusable content (Views are not
 *    focusable): tabindex 0 lets a keyboard scroll them;
 *  - Taro's Switch renders a bare checkbox: it is named after the text beside it;
 *  - an Input with neither placeholder nor label is named after its field's label;
 *  - Taro's Image renders an <img> without alt: it takes the Image's aria-label ('' marks it decorative).
 */
export function patchH5Accessibility(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  const patch = () => {
    document.querySelectorAll('.taro_page:not([tabindex]), taro-scroll-view-core:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '0'))
    document.querySelectorAll('input.weui-switch:not([aria-label])').forEach((el) => {
      const row = el.closest('.nc-switch-row, .nc-field, .nc-cell')
      const text = row?.textContent?.trim()
      el.setAttribute('aria-label', text || '开关')
    })
    document.querySelectorAll<HTMLInputElement>('.nc-field input:not([aria-label]), .nc-field textarea:not([aria-label])').forEach((el) => {
      if (el.placeholder) return
      const label = el.closest('.nc-field')?.querySelector('.nc-field__label')?.textContent?.trim()
      if (label) el.setAttribute('aria-label', label)
    })
    document.querySelectorAll('taro-image-core img:not([alt])').forEach((el) => {
      el.setAttribute('alt', el.closest('taro-image-core')?.getAttribute('aria-label') ?? '')
    })
  }
  patch()
  new MutationObserver(patch).observe(document.body, { childList: true, subtree: true })
}
