const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;

/** Tokens that belong to a date, so they are not taken for topic words. */
const DATE_WORDS =
  /^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)day|weds|thurs|summer|winter|spring|autumn|fall|weekend|morning|afternoon|evening|night|noon|midnight|tonight|today|yesterday|tomorrow|christmas|xmas|eve|halloween)$/;

export function isDateToken(token: string): boolean {
  return (
    MONTH.test(token) ||
    DATE_WORDS.test(token) ||
    /^\d{1,4}$/.test(token) ||
    // Times of day: "20:00", "8pm", "8.30am", and "pm" after "8".
    /^\d{1,2}(?:[:.]\d{2})?(?:am|pm)$|^\d{1,2}[:.]\d{2}$|^(?:am|pm)$/.test(token) ||
    /^\d{1,2}(?:st|nd|rd|th)$/.test(token)
  );
}
