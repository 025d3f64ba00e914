/** What the core commands say to users, in one place. */
export const commandMessages = {
  helpIntro: "Ask me a question, or use a command:",
  questionTooLong: (max: number) =>
    `That question is longer than ${max.toLocaleString("en")} characters. Please ask it in fewer words, e.g. is the US embassy in Kyiv open?`,
  notACommand: (typed: string, meant: string, usage: string) =>
    `\`${typed}\` is not a command; did you mean \`${meant}\`? Usage: ${usage}`,
  askUsage: "Usage: ask <question>, e.g. ask is the US embassy in Kyiv open?",
  noStatusFor: (asked: string, hint: string) =>
    `I don't track a status for "${asked}".${hint} Usage: status [entity]`,
  notInDirectMessage: (command: string) =>
    `Notices are posted to a channel, so ${command} works there, not in a direct message: run it in the channel that should get them (with me invited), as someone who can manage that channel.`,
  adminOnly: (command: string) =>
    `Only briefbot admins can use ${command}. Admins are listed in BRIEFBOT_ADMINS as platform:user-id.`,
  curatorOnly: (command: string) =>
    `Only briefbot curators can use ${command}. Curators are listed in BRIEFBOT_CURATORS (admins are curators too) as platform:user-id.`,
  sources: (lines: string[], dates: string[]) =>
    `My answers come from ${lines.length} articles:\n${lines.join("\n")}\nEvery fact cites its article and paragraph; dates are as precise as the article (${dates.join(", ")}).`,
};
