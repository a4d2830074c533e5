import { useCallback, useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import type { PostView } from "../lib/post-view";
import type { Viewer } from "./events";
import { useSocket } from "./socket";

const TYPING_SHOWN_MS = 4000;
// Every keystroke is an input event, but the server passes on one typing notice per 2 s and
// counts every event against the socket's flood limit (40 per 10 s): a fast typist sending one
// per key would get the socket's later events refused (a rejoin after navigating, read marks)
// or the socket closed. So at most one notice per interval leaves the page.
const TYPING_SEND_MS = 2000;

/** Merges posts by their sequence number: nothing shown twice, order kept, newer data wins. */
export function mergePosts(current: PostView[], incoming: PostView[]): PostView[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map(current.map((p) => [p.seq, p]));
  for (const post of incoming) bySeq.set(post.seq, post);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Keeps a thread page live: joins the thread's room, catches up from the last post it has on
 * every (re)connect, adds new posts as they come, and reports presence and typing. The loader's
 * posts stay the base, so without a socket the page is simply the server-rendered one.
 */
export function useThreadLive({
  threadId,
  posts: loaded,
}: {
  threadId: string;
  posts: PostView[];
}) {
  const socket = useSocket();
  const revalidator = useRevalidator();
  const [posts, setPosts] = useState(loaded);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const [connected, setConnected] = useState(false);
  const lastSeq = useRef(0);
  lastSeq.current = posts.length ? posts[posts.length - 1]!.seq : 0;

  // Loader data (after posting, or a revalidation) is as true as socket data: merge both.
  useEffect(() => setPosts((current) => mergePosts(current, loaded)), [loaded]);

  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit("thread:join", { threadId, afterSeq: lastSeq.current }, (reply) => {
        if (!reply.ok) return;
        setConnected(true);
        setViewers(reply.viewers);
        setPosts((current) => mergePosts(current, reply.posts));
      });
    };
    const onCreated = ({ threadId: t, post }: { threadId: string; post: PostView }) => {
      if (t !== threadId) return;
      setPosts((current) => mergePosts(current, [post]));
      setTyping((current) => {
        const { [post.authorId]: _gone, ...rest } = current;
        return rest;
      });
      if (document.visibilityState === "visible")
        socket.emit("thread:read", { threadId, seq: post.seq });
    };
    const onChanged = ({ threadId: t }: { threadId: string }) => {
      if (t === threadId) void revalidator.revalidate();
    };
    const onPresence = ({ threadId: t, viewers: v }: { threadId: string; viewers: Viewer[] }) => {
      if (t === threadId) setViewers(v);
    };
    const onTyping = ({ threadId: t, user }: { threadId: string; user: Viewer }) => {
      if (t !== threadId) return;
      setTyping((current) => ({
        ...current,
        [user.id]: { name: user.name, until: Date.now() + TYPING_SHOWN_MS },
      }));
    };
    const onDisconnect = () => setConnected(false);
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("post:created", onCreated);
    socket.on("post:updated", onChanged);
    socket.on("thread:updated", onChanged);
    socket.on("thread:presence", onPresence);
    socket.on("thread:typing", onTyping);
    if (socket.connected) join();
    return () => {
      socket.emit("thread:leave", { threadId });
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("post:created", onCreated);
      socket.off("post:updated", onChanged);
      socket.off("thread:updated", onChanged);
      socket.off("thread:presence", onPresence);
      socket.off("thread:typing", onTyping);
    };
    // revalidator is a new object each render; the handlers only need its latest revalidate.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, threadId]);

  // Typing notices fade out by themselves.
  useEffect(() => {
    const entries = Object.entries(typing);
    if (entries.length === 0) return;
    const next = Math.min(...entries.map(([, v]) => v.until)) - Date.now();
    const timer = setTimeout(
      () => {
        const now = Date.now();
        setTyping((current) =>
          Object.fromEntries(Object.entries(current).filter(([, v]) => v.until > now)),
        );
      },
      Math.max(0, next),
    );
    return () => clearTimeout(timer);
  }, [typing]);

  const lastTypingSent = useRef(0);
  const notifyTyping = useCallback(() => {
    const now = Date.now();
    if (!socket || now - lastTypingSent.current < TYPING_SEND_MS) return;
    lastTypingSent.current = now;
    socket.emit("thread:typing", { threadId });
  }, [socket, threadId]);

  return {
    posts,
    viewers,
    typingNames: Object.values(typing).map((v) => v.name),
    connected,
    notifyTyping,
  };
}
