import { useEffect, useRef } from "react";
import { useLocation, useRevalidator } from "react-router";
import { useSocket } from "./socket";

// Several posts in quick succession cause one reload, not one each.
const DEBOUNCE_MS = 1000;

/**
 * Reloads the page's data when something happens elsewhere in the person's spaces (unread
 * counts, thread lists) or when they lose a space. A thread's own viewers get its posts
 * directly and need no reload for them.
 */
export function LiveRefresh() {
  const socket = useSocket();
  const revalidator = useRevalidator();
  const location = useLocation();
  const path = useRef(location.pathname);
  path.current = location.pathname;

  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void revalidator.revalidate(), DEBOUNCE_MS);
    };
    const onActivity = ({ threadId }: { threadId: string }) => {
      if (!path.current.endsWith(`/threads/${threadId}`)) refresh();
    };
    socket.on("space:activity", onActivity);
    socket.on("membership:ended", refresh);
    return () => {
      clearTimeout(timer);
      socket.off("space:activity", onActivity);
      socket.off("membership:ended", refresh);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket]);
  return null;
}
