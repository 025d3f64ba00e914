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
  const rows = Array.isArray(body.components) ? (body.components as { components?: unknown[] }[]) : [];
  if (rows.length > 5) problems.push(`components: ${rows.length} rows > 5`);
  for (const [i, row] of rows.entries()) {
    const items = (row.components ?? []) as { custom_id?: string; label?: string }[];
    if (items.length === 0 || items.length > 5) problems.push(`components[${i}]: 1..5 buttons`);
    for (const [j, item] of items.entries()) {
      if (!item.custom_id || item.custom_id.length > 100)
        problems.push(`components[${i}].components[${j}].custom_id: 1..100`);
      if ((item.label ?? "").length > 80) problems.push(`components[${i}].components[${j}].label: > 80`);
    }
  }
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
