/** An 11-digit mainland China mobile number (PhoneSchema). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
/** A community's service phone: a landline with its area code (0478-8123401) or a mobile number. */
export const SERVICE_PHONE_PATTERN = /^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9})$/;

/** Rows one roster import may hold (JSON or .xlsx). */
export const ROSTER_MAX_ROWS = 5000;
