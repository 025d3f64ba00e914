const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;

/** Tokens that belong to a date, so they are not taken for topic words. */
export function isDateToken(token: string): boolean {
  return MONTH.test(token) || /^\d{1,4}$/.test(token) || /^\d{1,2}(?:st|nd|rd|th)$/.test(token);
}
