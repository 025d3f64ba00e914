/** "Göteborg" and "Goteborg", "Kyïv" and "Kyiv" meet: letters lose their accents, ß and æ become ss and ae. */
export function foldToken(token: string): string {
  if (/^[\p{ASCII}]*$/u.test(token)) return token;
  return token
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/œ/g, "oe")
    .replace(/đ/g, "d")
    .replace(/ł/g, "l");
}
