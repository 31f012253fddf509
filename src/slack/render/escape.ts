/**
 * Escapes text for Slack's mrkdwn and plain `text` fields.
 *
 * Slack only treats `&`, `<` and `>` as control characters: escaping them is what stops
 * echoed questions, quoted passages and model output from becoming `<!channel>`,
 * `<@U…>` mentions or disguised `<https://…|links>`.
 */
export function escapeSlackText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Turns the text of an incoming Slack message into a plain question: drops the bot's own
 * mention, shows other mentions and links by their label, and undoes Slack's escaping.
 */
export function questionFromSlackText(text: string, botUserId?: string): string {
  let question = text;
  if (botUserId !== undefined) {
    question = question.replaceAll(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), " ");
  }
  question = question.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (label !== undefined && label !== "") {
      return label;
    }
    if (target.startsWith("@") || target.startsWith("#")) {
      return target;
    }
    if (target.startsWith("!")) {
      return `@${target.slice(1).split("^")[0] ?? ""}`;
    }
    return target;
  });
  return question
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ")
    .trim();
}
