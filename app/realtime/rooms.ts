/** Room names shared by server and client: one room per person for their own notifications. */
export const userRoom = (userId: string) => `user:${userId}`;
