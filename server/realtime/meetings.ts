import { z } from "zod";
import { can } from "../../app/auth/permissions.server";
import { getMeeting, getMeetingSpaceId } from "../../app/models/meeting.server";
import { getMembershipRole } from "../../app/models/space.server";
import type { HubSocket } from "../../app/realtime/events";
import { meetingRoom } from "../../app/realtime/rooms";
import type { Database } from "../../db/client";

const meetingRef = z.object({ meetingId: z.uuid() });

/**
 * Viewing a meeting over sockets: join and leave its room. Joining is checked like the meeting
 * page (meeting.read with the sender's current role, drafts only for the secretariat), so a
 * forged, foreign or draft meeting id gets "not_found" and joins nothing. The room is named
 * under the space, so ending a membership drops it (publishMembershipEnded).
 */
export function handleMeetingEvents(socket: HubSocket, { db }: { db: Database }) {
  const user = socket.data.user;

  socket.on("meeting:join", async (payload, ack) => {
    if (typeof ack !== "function") return;
    const parsed = meetingRef.safeParse(payload);
    if (!parsed.success) return ack({ ok: false, error: "invalid" });
    const { meetingId } = parsed.data;
    const spaceId = await getMeetingSpaceId(db, { meetingId });
    const spaceRole = spaceId ? await getMembershipRole(db, { spaceId, userId: user.id }) : null;
    if (!spaceId || !can(user, "meeting.read", { spaceRole }))
      return ack({ ok: false, error: "not_found" });
    const meeting = await getMeeting(db, {
      spaceId,
      meetingId,
      canReadDrafts: can(user, "meeting.readDrafts", { spaceRole }),
    });
    if (!meeting) return ack({ ok: false, error: "not_found" });
    await socket.join(meetingRoom(spaceId, meetingId));
    ack({ ok: true });
  });

  socket.on("meeting:leave", async (payload, ack) => {
    const parsed = meetingRef.safeParse(payload);
    if (!parsed.success) return ack?.({ ok: false, error: "invalid" });
    const room = [...socket.rooms].find((r) => r.endsWith(`:meeting:${parsed.data.meetingId}`));
    if (room) await socket.leave(room);
    ack?.({ ok: true });
  });
}
