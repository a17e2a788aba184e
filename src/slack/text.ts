// What Slack sends as slash-command text, turned back into what the user typed. Slack escapes &, < and >
// as entities and, with should_escape on, sends channels, users and links as <#C123|name>, <@U123>,
// <https://…|label>. Channels become their ids (the digest's channel option); the rest become plain text.
export function slackCommandText(text: string): string {
  return text
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `@${name || id}`)
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
