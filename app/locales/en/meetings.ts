import type { Shape } from "../shape";
import type da from "../da/meetings";

const meetings: Shape<typeof da> = {
  title: "Meetings",
};

export default meetings;
