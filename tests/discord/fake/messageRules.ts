/**
 * The checks Discord applies to a Create Message body, so a message over a limit fails here
 * as it would for real (400, code 50035 Invalid Form Body) instead of passing silently.
 */
export function invalidMessageBody(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const content = typeof body.content === "string" ? body.content : "";
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Record<string, unknown>[]) : [];
  if (!content && embeds.length === 0)
    problems.push("content or embeds required (50006 Cannot send an empty message)");
  if (content.length > 2000) problems.push(`content: ${content.length} > 2000`);
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  if (body.nonce !== undefined && String(body.nonce).length > 25) problems.push("nonce: longer than 25");
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    const title = String(embed.title ?? "");
    const description = String(embed.description ?? "");
    const fields = (embed.fields as { name: string; value: string }[] | undefined) ?? [];
    const footer = String((embed.footer as { text?: string } | undefined)?.text ?? "");
    const author = String((embed.author as { name?: string } | undefined)?.name ?? "");
    if (title.length > 256) problems.push(`embeds[${i}].title: ${title.length} > 256`);
    if (description.length > 4096) problems.push(`embeds[${i}].description: ${description.length} > 4096`);
    if (fields.length > 25) problems.push(`embeds[${i}].fields: ${fields.length} > 25`);
    for (const [j, field] of fields.entries()) {
      if (!field.name || field.name.length > 256) problems.push(`embeds[${i}].fields[${j}].name: 1..256`);
      if (!field.value || field.value.length > 1024)
        problems.push(`embeds[${i}].fields[${j}].value: 1..1024`);
      total += field.name.length + field.value.length;
    }
    if (footer.length > 2048) problems.push(`embeds[${i}].footer.text: > 2048`);
    total += title.length + description.length + footer.length + author.length;
  }
  if (total > 6000) problems.push(`embeds: ${total} characters > 6000`);
  return problems;
}
