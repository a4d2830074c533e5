import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { foldForSearch } from "./search-fold";

/**
 * Markdown for posts, rendered once on the server when written. Raw HTML is off, images are off
 * (the CSP allows none from elsewhere anyway), links may only go to http(s), mailto or the hub
 * itself, and open with rel="nofollow noopener noreferrer ugc".
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(["image"]);

const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  if (!token.attrGet("data-mention")) token.attrSet("rel", "nofollow noopener noreferrer ugc");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The handle people type after "@": the folded name with dots, e.g. "@leyla.ozdemir". */
export function mentionHandle(name: string): string {
  return foldForSearch(name)
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export interface Mentionable {
  id: string;
  name: string;
}

interface RenderEnv {
  mentionables: Map<string, Mentionable>;
  mentioned: Set<string>;
  /** When set, the rule only collects the handles it finds here and changes nothing. */
  handles?: Set<string>;
}

const MENTION = /(^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}.-]*[\p{L}\p{N}])/gu;

// Turns "@handle" in plain text (never inside code or links) into a link to the person.
md.core.ruler.push("mentions", (state) => {
  const env = state.env as RenderEnv;
  if (env?.handles) {
    collectHandles(state.tokens, env.handles);
    return;
  }
  if (!env?.mentionables?.size) return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: Token[] = [];
    let insideLink = 0;
    for (const child of block.children) {
      if (child.type === "link_open") insideLink++;
      if (child.type === "link_close") insideLink--;
      if (child.type !== "text" || insideLink > 0) {
        out.push(child);
        continue;
      }
      let last = 0;
      const text = child.content;
      for (const match of text.matchAll(MENTION)) {
        const person = env.mentionables.get(mentionHandle(match[2]!));
        if (!person) continue;
        const start = match.index! + match[1]!.length;
        if (start > last) out.push(textToken(state, text.slice(last, start)));
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [
          ["href", `/people/${person.id}`],
          ["class", "mention"],
          ["data-mention", person.id],
        ];
        out.push(open, textToken(state, `@${person.name}`), new state.Token("link_close", "a", -1));
        env.mentioned.add(person.id);
        last = start + 1 + match[2]!.length;
      }
      if (last === 0) out.push(child);
      else if (last < text.length) out.push(textToken(state, text.slice(last)));
    }
    block.children = out;
  }
});

/** The handles of every "@handle" the mentions rule would look up, outside code and links. */
function collectHandles(tokens: Token[], handles: Set<string>) {
  for (const block of tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let insideLink = 0;
    for (const child of block.children) {
      if (child.type === "link_open") insideLink++;
      if (child.type === "link_close") insideLink--;
      if (child.type !== "text" || insideLink > 0) continue;
      for (const match of child.content.matchAll(MENTION)) handles.add(mentionHandle(match[2]!));
    }
  }
}

function textToken(state: { Token: typeof Token }, content: string) {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
}

/** Renders a post; returns the HTML and the ids of the people it mentions. */
export function renderPost(
  body: string,
  mentionables: Mentionable[] = [],
): { html: string; mentionedUserIds: string[] } {
  const env: RenderEnv = {
    mentionables: new Map(mentionables.map((m) => [mentionHandle(m.name), m])),
    mentioned: new Set(),
  };
  const html = md.render(body, env);
  return { html, mentionedUserIds: [...env.mentioned] };
}

/**
 * renderPost for a post being written: the people who can be mentioned are loaded only when the
 * text has an "@handle" where a mention can be (not in code or links). Most posts mention
 * nobody, and loading and folding every member's name cost more CPU than all the rest of
 * storing a reply (ADR 0009). Without a handle, the tokens already parsed are rendered as they
 * are, which is exactly what renderPost would produce with nobody to find.
 */
export async function renderPostWithMentions(
  body: string,
  loadMentionables: () => Promise<Mentionable[]>,
): Promise<{ html: string; mentionedUserIds: string[] }> {
  const env: RenderEnv = { mentionables: new Map(), mentioned: new Set(), handles: new Set() };
  const tokens = md.parse(body, env);
  if (env.handles!.size === 0) {
    return { html: md.renderer.render(tokens, md.options, env), mentionedUserIds: [] };
  }
  const wanted = env.handles!;
  const people = (await loadMentionables()).filter((m) => wanted.has(mentionHandle(m.name)));
  return renderPost(body, people);
}
