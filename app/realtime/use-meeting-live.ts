import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { useSocket } from "./socket";

// A burst of changes (reordering several items) causes one reload, not one each.
const DEBOUNCE_MS = 300;

/**
 * Keeps a meeting page live: joins the meeting's room on every (re)connect and reloads the
 * page's data when the meeting changes. Without a socket the page is the server-rendered one.
 */
export function useMeetingLive(meetingId: string) {
  const socket = useSocket();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const join = () => socket.emit("meeting:join", { meetingId }, () => {});
    const onChanged = (payload: { meetingId: string }) => {
      if (payload.meetingId !== meetingId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void revalidator.revalidate(), DEBOUNCE_MS);
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("meeting:changed", onChanged);
    return () => {
      clearTimeout(timer);
      socket.off("connect", join);
      socket.off("meeting:changed", onChanged);
      socket.emit("meeting:leave", { meetingId });
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, meetingId]);
}
