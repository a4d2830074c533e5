import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type HubClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<HubClientSocket | null>(null);

/**
 * One socket per signed-in page, opened after hydration. Sockets only add liveness: without
 * JavaScript, or while disconnected, every page still works from its loader.
 */
export function SocketProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [socket, setSocket] = useState<HubClientSocket | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const s: HubClientSocket = io({ transports: ["websocket"], withCredentials: true });
    setSocket(s);
    return () => {
      s.disconnect();
      setSocket(null);
    };
  }, [enabled]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export const useSocket = () => useContext(SocketContext);
