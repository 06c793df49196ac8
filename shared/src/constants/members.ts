/** An 11-digit mainland China mobile number (PhoneSchema). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** Rows one roster import may hold (JSON or .xlsx). */
export const ROSTER_MAX_ROWS = 5000;
